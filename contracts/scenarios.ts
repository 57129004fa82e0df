/**
 * The contract suite's scenarios. Conformance scenarios run wherever their requirements allow;
 * lifecycle scenarios need the mock's control API. Each call a scenario makes is one check.
 */
import type { BranchKind, OperationId } from './load-spec.js';
import type { Target } from './targets.js';

/**
 * What a scenario needs of its target:
 * - control: the mock's /__mock API;
 * - simulation: fake data (sends to fans, made-up msg_ids), so never the real API;
 * - state: the target remembers (Prism does not);
 * - writes: it changes state, so on the real API only with allowWrites;
 * - secret: an appid and secret, not just a token.
 */
export type Requirement = 'control' | 'simulation' | 'state' | 'writes' | 'secret';

export interface CallSpec {
  readonly operationId: OperationId;
  /** A JSON value; a string is sent as it is; undefined sends no body. */
  readonly body?: unknown;
  /** The access_token sent: the scenario app's (default), a made-up one, or none. */
  readonly token?: 'valid' | 'bogus';
  readonly query?: Readonly<Record<string, string>>;
}

export interface Expectation {
  readonly branch: BranchKind;
  readonly errcode?: number;
  /** Exact values of top-level fields, checked where the target simulates behaviour (not on Prism). */
  readonly fields?: Readonly<Record<string, unknown>>;
}

export interface ScenarioContext {
  readonly target: Target;
  /** The scenario app's appid and secret; undefined when the target was given only a token. */
  readonly credentials: { readonly appid: string; readonly secret: string } | undefined;
  /** Calls the operation and records one check named `label`; the parsed body, or undefined without one. */
  call(label: string, spec: CallSpec, expectation: Expectation): Promise<Record<string, unknown> | undefined>;
  /** Moves the scenario app's clock on the mock; nothing on a stateless target. */
  advance(ms: number): Promise<void>;
  /** The administrator's answer to a send waiting for confirmation (the mock's control API). */
  confirm(msgId: number, answer: 'approve' | 'reject'): Promise<void>;
}

export interface Scenario {
  readonly name: string;
  readonly kind: 'conformance' | 'lifecycle';
  readonly requires: readonly Requirement[];
  /** Options of the app the scenario creates on the mock (POST /__mock/apps), so runs never share state. */
  readonly app?: Readonly<Record<string, unknown>>;
  run(ctx: ScenarioContext): Promise<void>;
}

/** Thrown when a failed check leaves nothing to continue with; the failure is already recorded. */
export class ScenarioAborted extends Error {}

const TAGGED_APP = { tags: [{ id: 100, name: 'contract suite', count: 1000 }] };
const MPNEWS = { msgtype: 'mpnews', mpnews: { media_id: 'contract-suite-media' } };
const TEXT = { msgtype: 'text', text: { content: 'contract suite' } };
/** Long enough for any send of the default 1,000,000 fans at speed 0 (80 万 a minute) to finish. */
const SEND_DURATION_MS = 2 * 60_000;
/** A msg_id no account has: 10 digits like real ones, below any the mock issues. */
const UNKNOWN_MSG_ID = 1_000_000_001;
/** An openid of the right shape that follows none of the scenario's accounts. */
const STRANGER = 'oR5Gjjl_eiZoUpGozMo7dbBJ362A';
/** WeChat's own tag: always there, never renamed or deleted. */
const STAR_TAG = { id: 2, name: '星标组' };
/** A tag id no account has: ids 3 to 99 are never given out. */
const UNKNOWN_TAG_ID = 99;

/** A representative valid request for each operation that takes an access_token (the GET ones take no body). */
const VALID_REQUESTS = {
  setSpeed: { speed: 1 },
  getSpeed: {},
  massmsgget: { msg_id: UNKNOWN_MSG_ID },
  sendAll: { ...TEXT, filter: { is_to_all: true } },
  massSend: { ...TEXT, touser: [STRANGER, 'oR5Gjjo5rXlMUocSEXKT7Q5RQ63Q'] },
  deleteMassMsg: { msg_id: UNKNOWN_MSG_ID },
  previewMassMsg: { ...TEXT, touser: STRANGER },
  getTags: undefined,
  createTag: { tag: { name: 'contract suite' } },
  updateTag: { tag: STAR_TAG },
  deleteTag: { tag: { id: UNKNOWN_TAG_ID } },
  getTagFans: { tagid: STAR_TAG.id, next_openid: '' },
  batchTagging: { openid_list: [STRANGER], tagid: STAR_TAG.id },
  batchUntagging: { openid_list: [STRANGER], tagid: STAR_TAG.id },
  getUserTags: { openid: STRANGER },
  getFollowers: undefined,
} as const satisfies Partial<Record<OperationId, unknown>>;

function msgIdOf(body: Record<string, unknown> | undefined): number {
  const id = body?.['msg_id'];
  if (typeof id !== 'number') throw new ScenarioAborted('no msg_id to continue with');
  return id;
}

/** The first two followers of the scenario's account, read as a client would. */
async function twoFollowers(ctx: ScenarioContext): Promise<string[]> {
  const page = await ctx.call('getFollowers answers the first page of followers', { operationId: 'getFollowers' }, { branch: 'success' });
  const openids = (page?.['data'] as { openid?: unknown } | undefined)?.openid;
  if (!Array.isArray(openids) || openids.length < 2) throw new ScenarioAborted('fewer than two followers to continue with');
  return openids.slice(0, 2) as string[];
}

function tagIdOf(body: Record<string, unknown> | undefined): number {
  const id = (body?.['tag'] as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'number') throw new ScenarioAborted('no tag id to continue with');
  return id;
}

function secretOf(ctx: ScenarioContext): { appid: string; secret: string } {
  if (!ctx.credentials) throw new ScenarioAborted('no appid and secret');
  return ctx.credentials;
}

const conformance: Scenario[] = [
  {
    name: 'getStableAccessToken in normal mode answers a token',
    kind: 'conformance',
    requires: ['secret'],
    async run(ctx) {
      const { appid, secret } = secretOf(ctx);
      const body = { grant_type: 'client_credential', appid, secret, force_refresh: false };
      await ctx.call('getStableAccessToken answers an access_token', { operationId: 'getStableAccessToken', body }, { branch: 'success' });
    },
  },
  {
    // Never on the real API: /cgi-bin/token would rotate the production token.
    name: 'getAccessToken answers a token',
    kind: 'conformance',
    requires: ['simulation', 'secret'],
    async run(ctx) {
      const { appid, secret } = secretOf(ctx);
      const query = { grant_type: 'client_credential', appid, secret };
      await ctx.call('getAccessToken answers an access_token', { operationId: 'getAccessToken', query }, { branch: 'success' });
    },
  },
  {
    name: 'getSpeed answers the speed',
    kind: 'conformance',
    requires: [],
    async run(ctx) {
      await ctx.call('getSpeed answers speed and realspeed', { operationId: 'getSpeed', body: {} }, { branch: 'success' });
    },
  },
  {
    name: 'setSpeed refuses a speed outside 0..4',
    kind: 'conformance',
    requires: [],
    async run(ctx) {
      await ctx.call('setSpeed with speed 9 answers 45083', { operationId: 'setSpeed', body: { speed: 9 } }, { branch: 'error', errcode: 45083 });
    },
  },
  {
    name: 'setSpeed refuses a missing speed',
    kind: 'conformance',
    requires: [],
    async run(ctx) {
      await ctx.call('setSpeed without speed answers 45084', { operationId: 'setSpeed', body: {} }, { branch: 'error', errcode: 45084 });
    },
  },
  {
    name: 'massmsgget refuses an unknown msg_id',
    kind: 'conformance',
    requires: [],
    async run(ctx) {
      await ctx.call('massmsgget of an unknown msg_id answers 40059', { operationId: 'massmsgget', body: { msg_id: UNKNOWN_MSG_ID } }, { branch: 'error', errcode: 40059 });
    },
  },
  {
    name: 'every operation refuses a made-up access_token',
    kind: 'conformance',
    requires: [],
    async run(ctx) {
      for (const [operationId, body] of Object.entries(VALID_REQUESTS) as [OperationId, unknown][]) {
        await ctx.call(`${operationId} with a made-up access_token answers 40001`, { operationId, body, token: 'bogus' }, { branch: 'error', errcode: 40001 });
      }
    },
  },
  {
    name: 'setSpeed changes the speed and the original speed is restored',
    kind: 'conformance',
    requires: ['writes', 'state'],
    async run(ctx) {
      const before = await ctx.call('getSpeed reads the speed to restore', { operationId: 'getSpeed', body: {} }, { branch: 'success' });
      const original = before?.['speed'];
      if (typeof original !== 'number') throw new ScenarioAborted('no speed to restore, so setSpeed is not attempted');
      const other = original === 4 ? 3 : original + 1;
      try {
        await ctx.call(`setSpeed to ${other} answers ok`, { operationId: 'setSpeed', body: { speed: other } }, { branch: 'success' });
        await ctx.call(`getSpeed then answers speed ${other}`, { operationId: 'getSpeed', body: {} }, { branch: 'success', fields: { speed: other } });
      } finally {
        await ctx.call(`setSpeed restores the original speed ${original}`, { operationId: 'setSpeed', body: { speed: original } }, { branch: 'success' });
      }
    },
  },
  {
    name: 'sendAll submits a send that massmsgget finds',
    kind: 'conformance',
    requires: ['simulation'],
    app: TAGGED_APP,
    async run(ctx) {
      const sent = await ctx.call('sendAll of mpnews to tag 100 answers a msg_id', { operationId: 'sendAll', body: { ...MPNEWS, filter: { is_to_all: false, tag_id: 100 } } }, { branch: 'success', fields: { errcode: 0 } });
      await ctx.call('massmsgget of the new send answers SENDING', { operationId: 'massmsgget', body: { msg_id: String(msgIdOf(sent)) } }, { branch: 'success', fields: { msg_id: msgIdOf(sent), msg_status: 'SENDING' } });
    },
  },
  {
    name: 'massSend submits a send to followers read from getFollowers',
    kind: 'conformance',
    requires: ['simulation'],
    async run(ctx) {
      const touser = await twoFollowers(ctx);
      await ctx.call('massSend of text to two followers answers a msg_id', { operationId: 'massSend', body: { ...TEXT, touser } }, { branch: 'success' });
    },
  },
  {
    name: 'massSend refuses an openid that follows nobody',
    kind: 'conformance',
    requires: ['simulation'],
    async run(ctx) {
      const [follower] = await twoFollowers(ctx);
      await ctx.call('massSend to a follower and a stranger answers 40003', { operationId: 'massSend', body: { ...TEXT, touser: [follower, STRANGER] } }, { branch: 'error', errcode: 40003 });
    },
  },
  {
    name: 'getTags lists the tags',
    kind: 'conformance',
    requires: [],
    async run(ctx) {
      await ctx.call('getTags answers the tags with their fans', { operationId: 'getTags' }, { branch: 'success' });
    },
  },
  {
    name: 'getFollowers pages the followers',
    kind: 'conformance',
    requires: [],
    async run(ctx) {
      await twoFollowers(ctx);
    },
  },
  {
    name: 'updateTag refuses to rename WeChat\'s own 星标组',
    kind: 'conformance',
    requires: [],
    async run(ctx) {
      await ctx.call('updateTag of tag 2 answers 45058', { operationId: 'updateTag', body: VALID_REQUESTS.updateTag }, { branch: 'error', errcode: 45058 });
    },
  },
  {
    name: 'getTagFans refuses an unknown tag',
    kind: 'conformance',
    requires: [],
    async run(ctx) {
      await ctx.call(`getTagFans of tag ${UNKNOWN_TAG_ID} answers 45159`, { operationId: 'getTagFans', body: { tagid: UNKNOWN_TAG_ID } }, { branch: 'error', errcode: 45159 });
    },
  },
  {
    name: 'batchTagging refuses more than 50 openids',
    kind: 'conformance',
    requires: [],
    async run(ctx) {
      const body = { openid_list: Array(51).fill(STRANGER), tagid: STAR_TAG.id };
      await ctx.call('batchTagging of 51 openids answers 40032', { operationId: 'batchTagging', body }, { branch: 'error', errcode: 40032 });
    },
  },
  {
    name: 'a tag created, then tagged and untagged, agrees across getTagFans and getUserTags',
    kind: 'conformance',
    requires: ['simulation'],
    async run(ctx) {
      const openids = await twoFollowers(ctx);
      const tagid = tagIdOf(await ctx.call('createTag answers the new tag', { operationId: 'createTag', body: VALID_REQUESTS.createTag }, { branch: 'success' }));
      await ctx.call('batchTagging of two followers answers ok', { operationId: 'batchTagging', body: { openid_list: openids, tagid } }, { branch: 'success' });
      await ctx.call('getTagFans then answers the two', { operationId: 'getTagFans', body: { tagid } }, { branch: 'success', fields: { count: 2 } });
      await ctx.call('batchUntagging of one answers ok', { operationId: 'batchUntagging', body: { openid_list: openids.slice(1), tagid } }, { branch: 'success' });
      await ctx.call('getTagFans then answers one', { operationId: 'getTagFans', body: { tagid } }, { branch: 'success', fields: { count: 1 } });
      await ctx.call('getUserTags answers the tags of the untagged follower', { operationId: 'getUserTags', body: { openid: openids[1] } }, { branch: 'success' });
      await ctx.call('deleteTag of the new tag answers ok', { operationId: 'deleteTag', body: { tag: { id: tagid } } }, { branch: 'success' });
    },
  },
  {
    name: 'previewMassMsg previews to one fan',
    kind: 'conformance',
    requires: ['simulation'],
    async run(ctx) {
      await ctx.call('previewMassMsg of text answers preview success', { operationId: 'previewMassMsg', body: VALID_REQUESTS.previewMassMsg }, { branch: 'success' });
    },
  },
  {
    name: 'deleteMassMsg deletes a finished mpnews send',
    kind: 'conformance',
    requires: ['simulation'],
    async run(ctx) {
      const sent = await ctx.call('sendAll of mpnews to all answers a msg_id', { operationId: 'sendAll', body: { ...MPNEWS, filter: { is_to_all: true } } }, { branch: 'success' });
      const msgId = msgIdOf(sent);
      await ctx.advance(SEND_DURATION_MS);
      await ctx.call('deleteMassMsg of the finished send answers ok', { operationId: 'deleteMassMsg', body: { msg_id: msgId } }, { branch: 'success' });
      await ctx.call('massmsgget then answers DELETE', { operationId: 'massmsgget', body: { msg_id: msgId } }, { branch: 'success', fields: { msg_status: 'DELETE' } });
    },
  },
];

const lifecycle: Scenario[] = [
  {
    name: 'a send is SENDING, then SEND_SUCCESS once the clock passes its duration',
    kind: 'lifecycle',
    requires: ['control'],
    async run(ctx) {
      const msgId = msgIdOf(await ctx.call('sendAll of text to all answers a msg_id', { operationId: 'sendAll', body: { ...TEXT, filter: { is_to_all: true } } }, { branch: 'success' }));
      await ctx.call('massmsgget right after the send answers SENDING', { operationId: 'massmsgget', body: { msg_id: msgId } }, { branch: 'success', fields: { msg_status: 'SENDING' } });
      await ctx.advance(SEND_DURATION_MS);
      await ctx.call('massmsgget after two mock minutes answers SEND_SUCCESS', { operationId: 'massmsgget', body: { msg_id: msgId } }, { branch: 'success', fields: { msg_status: 'SEND_SUCCESS' } });
    },
  },
  {
    name: 'with mass-send protection, a send waits for the administrator, who approves it',
    kind: 'lifecycle',
    requires: ['control'],
    app: { protection: true },
    async run(ctx) {
      const msgId = msgIdOf(await ctx.call('sendAll to all answers a msg_id', { operationId: 'sendAll', body: { ...TEXT, filter: { is_to_all: true } } }, { branch: 'success' }));
      await ctx.call('massmsgget in the first minute answers 89505', { operationId: 'massmsgget', body: { msg_id: msgId } }, { branch: 'error', errcode: 89505 });
      await ctx.call('setSpeed while waiting answers 89505', { operationId: 'setSpeed', body: { speed: 2 } }, { branch: 'error', errcode: 89505 });
      await ctx.advance(61_000);
      await ctx.call('massmsgget after the first minute answers 89504', { operationId: 'massmsgget', body: { msg_id: msgId } }, { branch: 'error', errcode: 89504 });
      await ctx.call('getSpeed shows the speed unchanged', { operationId: 'getSpeed', body: {} }, { branch: 'success', fields: { speed: 0 } });
      await ctx.confirm(msgId, 'approve');
      await ctx.call('massmsgget after approval answers SENDING', { operationId: 'massmsgget', body: { msg_id: msgId } }, { branch: 'success', fields: { msg_status: 'SENDING' } });
    },
  },
  {
    name: 'with mass-send protection, a rejected send ends SEND_FAIL',
    kind: 'lifecycle',
    requires: ['control'],
    app: { protection: true },
    async run(ctx) {
      const msgId = msgIdOf(await ctx.call('sendAll to all answers a msg_id', { operationId: 'sendAll', body: { ...TEXT, filter: { is_to_all: true } } }, { branch: 'success' }));
      await ctx.confirm(msgId, 'reject');
      await ctx.call('massmsgget after rejection answers SEND_FAIL', { operationId: 'massmsgget', body: { msg_id: msgId } }, { branch: 'success', fields: { msg_status: 'SEND_FAIL' } });
    },
  },
  {
    name: 'a clientmsgid makes sendAll idempotent',
    kind: 'lifecycle',
    requires: ['control'],
    async run(ctx) {
      const body = { ...TEXT, filter: { is_to_all: true }, clientmsgid: 'contract-suite-1' };
      const msgId = msgIdOf(await ctx.call('sendAll with a new clientmsgid answers a msg_id', { operationId: 'sendAll', body }, { branch: 'success' }));
      await ctx.call('the same clientmsgid within a minute answers 45066', { operationId: 'sendAll', body }, { branch: 'error', errcode: 45066 });
      await ctx.advance(61_000);
      await ctx.call('the same clientmsgid later answers 45065 with the first msg_id', { operationId: 'sendAll', body }, { branch: 'error', errcode: 45065, fields: { msg_id: msgId } });
      await ctx.call('a clientmsgid over 64 bytes answers 45067', { operationId: 'sendAll', body: { ...body, clientmsgid: 'x'.repeat(65) } }, { branch: 'error', errcode: 45067 });
    },
  },
];

export const scenarios: readonly Scenario[] = [...conformance, ...lifecycle];

/** Why `target` cannot run `scenario`, or undefined when it can. */
export function skipReason(scenario: Scenario, target: Target): string | undefined {
  const { control, realApi, prism, allowWrites } = target.capabilities;
  for (const requirement of scenario.requires) {
    if (requirement === 'control' && !control) return 'needs the mock\'s control API';
    if (requirement === 'simulation' && realApi) return 'needs simulated data; never run against the real API';
    if (requirement === 'state' && prism) return 'needs a target that keeps state; Prism does not';
    if (requirement === 'writes' && realApi && !allowWrites) return 'changes state; pass --allow-writes to run it against the real API';
    if (requirement === 'secret' && !('secret' in target.credentials) && !control) return 'needs --appid and --secret';
  }
  return undefined;
}
