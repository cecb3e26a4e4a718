/** Reads whether each fixed physical name is free, this account's, or (buckets) another account's. */
import { paginateListBackupVaults } from '@aws-sdk/client-backup';
import { GetTrailCommand } from '@aws-sdk/client-cloudtrail';
import { DescribeConfigurationAggregatorsCommand } from '@aws-sdk/client-config-service';
import { GetPolicyCommand } from '@aws-sdk/client-iam';
import { paginateListAliases } from '@aws-sdk/client-kms';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import type { PreflightClients } from './clients';
import type { FixedName } from './fixed-names';
import { isCode, type Reader } from './reader';
import { readRoleExists } from './read-services';
import { ok, type Read, type Regions } from './types';

/** `this-account`: a leftover (or earlier) resource of this account; `other-account`: a bucket name taken elsewhere. */
export type NameState = 'free' | 'this-account' | 'other-account';

export interface NameRead {
  readonly name: FixedName;
  readonly state: Read<NameState>;
}

const exists = (found: boolean): NameState => (found ? 'this-account' : 'free');

/** HeadBucket: 200 this account's, 403 another account's, 404 free. */
function readBucket(clients: PreflightClients, reader: Reader, bucket: string, region: string) {
  return reader.read<NameState>('s3:HeadBucket', async () => {
    try {
      await clients.s3(region).send(new HeadBucketCommand({ Bucket: bucket }));
      return 'this-account';
    } catch (error: any) {
      const status = error?.$metadata?.httpStatusCode;
      if (status === 404) return 'free';
      if (status === 403) return 'other-account';
      throw error;
    }
  });
}

/** Every name of a paginated listing, read once per region and shared by the names looked up in it. */
function listing(
  reader: Reader,
  operation: string,
  list: () => Promise<string[]>,
): () => Promise<Read<ReadonlySet<string>>> {
  let promise: Promise<Read<ReadonlySet<string>>> | undefined;
  return () => (promise ??= reader.read(operation, async () => new Set(await list())));
}

export function readNames(
  clients: PreflightClients,
  reader: Reader,
  names: readonly FixedName[],
  context: { regions: Regions; account: string; partition: string; disabled: ReadonlySet<string> },
): Promise<NameRead[]> {
  const { regions, account, partition, disabled } = context;
  const vaults = new Map<string, () => Promise<Read<ReadonlySet<string>>>>();
  const aliases = new Map<string, () => Promise<Read<ReadonlySet<string>>>>();
  for (const region of [regions.primary, regions.dr]) {
    vaults.set(
      region,
      listing(reader, 'backup:ListBackupVaults', async () => {
        const found: string[] = [];
        for await (const page of paginateListBackupVaults({ client: clients.backup(region) }, {})) {
          found.push(...(page.BackupVaultList ?? []).map((v) => v.BackupVaultName ?? ''));
        }
        return found;
      }),
    );
    aliases.set(
      region,
      listing(reader, 'kms:ListAliases', async () => {
        const found: string[] = [];
        for await (const page of paginateListAliases({ client: clients.kms(region) }, {})) {
          found.push(...(page.Aliases ?? []).map((a) => a.AliasName ?? ''));
        }
        return found;
      }),
    );
  }
  const inListing = async (list: () => Promise<Read<ReadonlySet<string>>>, name: string): Promise<Read<NameState>> => {
    const read = await list();
    return read.ok ? ok(exists(read.value.has(name))) : read;
  };

  const stateOf = (fixed: FixedName): Promise<Read<NameState>> => {
    const { name, region } = fixed;
    switch (fixed.kind) {
      case 'bucket':
        // Bucket names are global: a name in a region not enabled can still be taken.
        return readBucket(clients, reader, name, disabled.has(region) ? regions.primary : region);
      case 'backup-vault':
        return disabled.has(region) ? Promise.resolve(ok('free')) : inListing(vaults.get(region)!, name);
      case 'kms-alias':
        return disabled.has(region) ? Promise.resolve(ok('free')) : inListing(aliases.get(region)!, name);
      case 'trail':
        return reader.read('cloudtrail:GetTrail', async () => {
          try {
            await clients.cloudTrail(region).send(new GetTrailCommand({ Name: name }));
            return 'this-account' as const;
          } catch (error) {
            if (isCode(error, 'TrailNotFoundException')) return 'free' as const;
            throw error;
          }
        });
      case 'iam-role':
        return readRoleExists(clients, reader, regions.account, name).then((read) =>
          read.ok ? ok(exists(read.value)) : read,
        );
      case 'iam-policy':
        return reader.read('iam:GetPolicy', async () => {
          try {
            const arn = `arn:${partition}:iam::${account}:policy/${name}`;
            await clients.iam(regions.account).send(new GetPolicyCommand({ PolicyArn: arn }));
            return 'this-account' as const;
          } catch (error) {
            if (isCode(error, 'NoSuchEntityException', 'NoSuchEntity')) return 'free' as const;
            throw error;
          }
        });
      case 'config-aggregator':
        return reader.read('config:DescribeConfigurationAggregators', async () => {
          try {
            const input = { ConfigurationAggregatorNames: [name] };
            const out = await clients.config(region).send(new DescribeConfigurationAggregatorsCommand(input));
            return exists((out.ConfigurationAggregators ?? []).length > 0);
          } catch (error) {
            if (isCode(error, 'NoSuchConfigurationAggregatorException')) return 'free' as const;
            throw error;
          }
        });
    }
  };
  return Promise.all(names.map(async (name) => ({ name, state: await stateOf(name) })));
}
