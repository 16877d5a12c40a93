/**
 * AWS managed keys: the symmetric keys AWS services create in the caller's account behind the predefined aliases
 * `alias/aws/<service>`. AWS creates one the first time a predefined alias is used (DescribeKey or a cryptographic
 * operation); until then ListAliases shows the alias without a TargetKeyId. Descriptions and key policies follow
 * what AWS creates (the per-service statement lists vary on AWS; kmsw uses one shape for all).
 * https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#aws-managed-key
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ListAliases.html
 */
import { generateKeyMaterial } from '../crypto/engine.ts';
import { aliasArn, keyArn, partitionOf } from './arn.ts';
import { DAY_MS } from './clock.ts';
import type { IdSource } from './ids.ts';
import type { AliasRecord, KeyRecord, Scope } from './records.ts';
import type { UnitOfWork } from './unit-of-work.ts';

interface ManagedService {
  /** How the key policy's statement names the service. */
  name: string;
  /** What the key's description says it protects. */
  protects: string;
  /** The service endpoint prefix of the kms:ViaService condition, when it is not the alias's service name. */
  via?: string;
}

const service = (name: string, protects = `${name} data`, via?: string): ManagedService => ({
  name,
  protects,
  via,
});

/** The predefined aliases AWS shows in a us-east-1 account, by service name after `alias/aws/`. */
const SERVICES: Readonly<Record<string, ManagedService>> = {
  acm: service('ACM'),
  appflow: service('AppFlow'),
  backup: service('Backup'),
  cloud9: service('Cloud9'),
  codeartifact: service('CodeArtifact'),
  codecommit: service('CodeCommit'),
  connect: service('Connect'),
  dax: service('DAX'),
  dms: service('DMS'),
  dynamodb: service('DynamoDB'),
  ebs: service('EBS', 'EBS volumes', 'ec2'),
  ecr: service('ECR'),
  eks: service('EKS'),
  elasticache: service('ElastiCache'),
  elasticfilesystem: service('Elastic File System'),
  es: service(
    'OpenSearch Service',
    'Amazon OpenSearch Service (successor to Amazon Elasticsearch Service) data',
  ),
  fsx: service('FSx'),
  glue: service('Glue'),
  imagebuilder: service('Image Builder'),
  kafka: service('Kafka'),
  kendra: service('Kendra'),
  kinesis: service('Kinesis'),
  kinesisvideo: service('Kinesis Video Streams'),
  lambda: service('AWS Lambda', 'Lambda functions'),
  lex: service('Lex'),
  lightsail: service('Lightsail'),
  mq: service('Amazon MQ'),
  rds: service('RDS', 'RDS database volumes'),
  redshift: service('Redshift'),
  s3: service('S3', 'S3 objects'),
  secretsmanager: service('AWS Secrets Manager', 'Secrets Manager data'),
  ses: service('SES'),
  sns: service('SNS'),
  sqs: service('SQS', 'SQS messages'),
  ssm: service('SSM', 'SSM parameters'),
  timestream: service('Timestream'),
  translate: service('Translate'),
  workspaces: service('WorkSpaces'),
  xray: service('X-Ray'),
};

const PREFIX = 'alias/aws/';

/** Every predefined AWS alias name, sorted. */
export const PREDEFINED_AWS_ALIASES: readonly string[] = Object.keys(SERVICES)
  .map((s) => PREFIX + s)
  .sort();

/** The service of a predefined alias (`alias/aws/s3` → `s3`), or undefined for any other name. */
export function predefinedAliasService(aliasName: string): string | undefined {
  if (!aliasName.startsWith(PREFIX)) return undefined;
  const name = aliasName.slice(PREFIX.length);
  return Object.hasOwn(SERVICES, name) ? name : undefined;
}

export const awsManagedKeyDescription = (serviceName: string): string =>
  `Default key that protects my ${SERVICES[serviceName]?.protects ?? `${serviceName} data`} when no other key is defined`;

/** The key policy of an AWS managed key, in the layout GetKeyPolicy returns. */
export function awsManagedKeyPolicy(scope: Scope, serviceName: string): string {
  const info = SERVICES[serviceName] ?? service(serviceName);
  const via = `${info.via ?? serviceName}.${scope.region}.amazonaws.com${scope.region.startsWith('cn-') ? '.cn' : ''}`;
  return `{
  "Version" : "2012-10-17",
  "Id" : "auto-${serviceName}-2",
  "Statement" : [ {
    "Sid" : "Allow access through ${info.name} for all principals in the account that are authorized to use ${info.name}",
    "Effect" : "Allow",
    "Principal" : {
      "AWS" : "*"
    },
    "Action" : [ "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:CreateGrant", "kms:DescribeKey" ],
    "Resource" : "*",
    "Condition" : {
      "StringEquals" : {
        "kms:CallerAccount" : "${scope.account}",
        "kms:ViaService" : "${via}"
      }
    }
  }, {
    "Sid" : "Allow direct access to key metadata to the account",
    "Effect" : "Allow",
    "Principal" : {
      "AWS" : "arn:${partitionOf(scope.region)}:iam::${scope.account}:root"
    },
    "Action" : [ "kms:Describe*", "kms:Get*", "kms:List*", "kms:RevokeGrant" ],
    "Resource" : "*"
  } ]
}`;
}

/**
 * Create the AWS managed key behind `alias/aws/<serviceName>` and its alias, staged in `uow`. AWS managed keys are
 * symmetric, Enabled, and rotate automatically every year.
 */
export async function createAwsManagedKey(
  uow: UnitOfWork,
  scope: Scope,
  serviceName: string,
  now: number,
  ids: IdSource,
): Promise<KeyRecord> {
  const keyId = ids.uuid();
  const generated = await generateKeyMaterial('SYMMETRIC_DEFAULT');
  const key: KeyRecord = {
    account: scope.account,
    region: scope.region,
    keyId,
    arn: keyArn(scope, keyId),
    createdAt: now,
    description: awsManagedKeyDescription(serviceName),
    keySpec: 'SYMMETRIC_DEFAULT',
    keyUsage: 'ENCRYPT_DECRYPT',
    origin: 'AWS_KMS',
    keyManager: 'AWS',
    state: 'Enabled',
    policy: awsManagedKeyPolicy(scope, serviceName),
    tags: [],
    materials: [{ id: ids.hex(32), createdAt: now, state: 'CURRENT', ...generated }],
    rotation: { enabled: true, periodInDays: 365, nextRotationAt: now + 365 * DAY_MS, onDemandCount: 0 },
    rev: 0,
  };
  const aliasName = PREFIX + serviceName;
  const alias: AliasRecord = {
    account: scope.account,
    region: scope.region,
    aliasName,
    aliasArn: aliasArn(scope, aliasName),
    targetKeyId: keyId,
    createdAt: now,
    lastUpdatedAt: now,
    rev: 0,
  };
  uow.put('keys', scope, keyId, key);
  uow.put('aliases', scope, aliasName, alias);
  return key;
}
