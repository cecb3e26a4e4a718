// `npm run bench`: every benchmark, printing its figures. Not part of `npm test`.
import { benchCheck } from './check';
import { benchControlMap } from './control-map';
import { benchDeid } from './deid';
import { benchEvidence } from './evidence';
import { benchGate } from './gate';
import { benchNetwork } from './network';
import { benchOrganization } from './organization';
import { benchSynth } from './synth';

const benches: Record<string, () => void | Promise<void>> = {
  synth: benchSynth,
  check: benchCheck,
  network: benchNetwork,
  'control-map': benchControlMap,
  evidence: benchEvidence,
  gate: benchGate,
  deid: benchDeid,
  org: benchOrganization,
};

async function run(): Promise<void> {
  const only = process.argv.slice(2);
  for (const [name, bench] of Object.entries(benches)) {
    if (only.length > 0 && !only.includes(name)) continue;
    console.log(`== ${name}`);
    await bench();
  }
}

void run();
