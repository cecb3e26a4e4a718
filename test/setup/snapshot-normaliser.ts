/**
 * Snapshot normalisation, in one place: asset hashes and the CDK version recorded in AWS::CDK::Metadata
 * change with every dependency bump and say nothing about the baseline, so snapshots replace them.
 */
const HASH = /[0-9a-f]{64}/g;
const NORMALISED = Symbol('normalised');

function normalise(value: any): any {
  if (typeof value === 'string') return value.replace(HASH, '<asset-hash>');
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') {
    const out: Record<string, any> = {};
    for (const [key, child] of Object.entries(value)) {
      if (key === 'CDKMetadata' || key === 'CDKMetadataAvailable') continue;
      out[key.replace(HASH, '<asset-hash>')] = normalise(child);
    }
    return out;
  }
  return value;
}

expect.addSnapshotSerializer({
  test: (value) => Boolean(value && typeof value === 'object' && 'Resources' in value && !value[NORMALISED]),
  serialize: (value, config, indentation, depth, refs, printer) => {
    const clone = normalise(value);
    Object.defineProperty(clone, NORMALISED, { value: true });
    return printer(clone, config, indentation, depth, refs);
  },
});
