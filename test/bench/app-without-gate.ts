// The default app without the synth gate: only the synth bench uses it, to measure what the gate costs.
import { App } from 'aws-cdk-lib';
import { buildBaseline } from '../../lib/app/build-baseline';
import { loadConfig } from '../../lib/config/load';

const app = new App();
buildBaseline(app, loadConfig(app.node), { gate: false });
app.synth();
