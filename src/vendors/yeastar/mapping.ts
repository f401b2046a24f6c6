import type { FieldProblem } from '../../domain/errors';
import type { ExtensionTargetKind, MediaRef, PolicyScope, RecordingRules, RecordingTargets } from '../../domain/policy';
import type { YeastarAutoRecord, YeastarExtension, YeastarExtensionType, YeastarFlag, YeastarNamedItem, YeastarTrunk } from './wire';

const INTEGER = /^[0-9]+$/;

const EXT_TYPE: Record<ExtensionTargetKind, YeastarExtensionType> = {
  EXTENSION: 'extension',
  EXTENSION_GROUP: 'ext_group',
  ORGANIZATION: 'organization',
};
const EXT_KIND: Record<YeastarExtensionType, ExtensionTargetKind> = {
  extension: 'EXTENSION',
  ext_group: 'EXTENSION_GROUP',
  organization: 'ORGANIZATION',
};

const flag = (b: boolean): YeastarFlag => (b ? 1 : 0);
const bool = (f: unknown) => f === 1 || f === '1' || f === true;

export function checkYeastarPolicy(scope: PolicyScope, rules: RecordingRules): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (scope.kind !== 'ORGANIZATION')
    out.push({ path: ['scope', 'kind'], message: 'Yeastar auto recording is one setting for the whole PBX (ORGANIZATION)' });
  if (rules.fileFormat != null && rules.stereo === false) {
    out.push({
      path: ['rules', 'fileFormat'],
      message: 'Yeastar applies record_file_format to stereo recordings only (seed 001): set stereo true or leave the format ungoverned',
    });
  }
  const t = rules.targets ?? {};
  const ids = (list: { id: string }[] | null | undefined, name: keyof RecordingTargets) =>
    (list ?? []).forEach((x, i) => {
      if (!INTEGER.test(x.id)) out.push({ path: ['rules', 'targets', name, i, 'id'], message: 'a Yeastar id is an integer (Get Menu Options)' });
    });
  ids(t.trunks, 'trunks');
  ids(t.extensions, 'extensions');
  ids(t.queues, 'queues');
  ids(t.ivrs, 'ivrs');
  ids(t.conferences, 'conferences');
  (t.trunks ?? []).forEach((tr, i) => {
    const iv = tr.periodicBeep?.intervalSeconds;
    if (iv != null && !(Number.isInteger(iv) && iv > 0)) {
      out.push({
        path: ['rules', 'targets', 'trunks', i, 'periodicBeep', 'intervalSeconds'],
        message: 'the beep interval is a whole number of seconds above 0',
      });
    }
  });
  const p = rules.announcement?.prompts ?? {};
  for (const dir of ['internal', 'inbound', 'outbound'] as const) {
    const m = p[dir];
    if (!m) continue;
    if (m.source !== 'CUSTOM')
      out.push({
        path: ['rules', 'announcement', 'prompts', dir, 'source'],
        message: 'Yeastar plays custom prompts only (Get Menu Options "custom_prompt")',
      });
    else if (!m.mediaId) out.push({ path: ['rules', 'announcement', 'prompts', dir, 'mediaId'], message: 'a custom prompt needs its file name' });
  }
  return out;
}

/**
 * `autorecord/update` takes every parameter as optional (seed 001), so only governed fields are sent and the PBX
 * keeps the rest. A target list, when governed, is sent whole and replaces the PBX's list.
 */
export function toYeastarUpdate(rules: RecordingRules): YeastarAutoRecord {
  const body: YeastarAutoRecord = {};
  const c = rules.calls ?? {};
  if (c.internal != null) body.enb_internal = flag(c.internal);
  const p = rules.announcement?.prompts ?? {};
  if (p.internal?.mediaId) body.internal_prompt = p.internal.mediaId;
  if (p.inbound?.mediaId) body.inbound_prompt = p.inbound.mediaId;
  if (p.outbound?.mediaId) body.outbound_prompt = p.outbound.mediaId;
  if (rules.stereo != null) body.enb_channel_separate = flag(rules.stereo);
  if (rules.fileFormat != null) body.record_file_format = rules.fileFormat === 'MP3' ? 'mp3' : 'wav';
  if (c.paging != null) body.enb_paging = flag(c.paging);
  const t = rules.targets ?? {};
  if (t.trunks) {
    body.record_trunk_list = t.trunks.map((tr) => {
      const item: YeastarTrunk = { id: Number(tr.id) };
      if (tr.name) item.text = tr.name;
      if (tr.periodicBeep) {
        item.enb_config = flag(tr.periodicBeep.enabled);
        if (tr.periodicBeep.intervalSeconds != null) item.number_value = tr.periodicBeep.intervalSeconds;
      }
      return item;
    });
  }
  if (t.extensions) {
    body.record_ext_list = t.extensions.map((x) => {
      const item: YeastarExtension = { id: Number(x.id), type: EXT_TYPE[x.kind] };
      if (x.name) item.text = x.name;
      if (x.number) item.text2 = x.number;
      return item;
    });
  }
  const named = (list: { id: string; name?: string | null }[]): YeastarNamedItem[] =>
    list.map((x) => (x.name ? { id: Number(x.id), text: x.name } : { id: Number(x.id) }));
  if (t.conferences) body.record_conference_list = named(t.conferences);
  if (t.ivrs) body.record_ivr_list = named(t.ivrs);
  if (t.queues) body.record_queue_list = named(t.queues);
  return body;
}

const prompt = (name: unknown): MediaRef | undefined => (typeof name === 'string' && name ? { source: 'CUSTOM', mediaId: name } : undefined);

export function fromYeastar(a: YeastarAutoRecord): RecordingRules {
  const rules: RecordingRules = {
    calls: { internal: bool(a.enb_internal), paging: bool(a.enb_paging) },
    stereo: bool(a.enb_channel_separate),
  };
  if (a.record_file_format) rules.fileFormat = String(a.record_file_format).toLowerCase() === 'mp3' ? 'MP3' : 'WAV';
  const prompts = { internal: prompt(a.internal_prompt), inbound: prompt(a.inbound_prompt), outbound: prompt(a.outbound_prompt) };
  if (prompts.internal || prompts.inbound || prompts.outbound) rules.announcement = { prompts };
  rules.targets = {
    trunks: (a.record_trunk_list ?? []).map((tr) => ({
      id: String(tr.id),
      ...(tr.text ? { name: tr.text } : {}),
      ...(tr.enb_config !== undefined
        ? { periodicBeep: { enabled: bool(tr.enb_config), ...(tr.number_value != null ? { intervalSeconds: Number(tr.number_value) } : {}) } }
        : {}),
    })),
    extensions: (a.record_ext_list ?? []).map((x) => ({
      id: String(x.id),
      kind: EXT_KIND[x.type] ?? 'EXTENSION',
      ...(x.text ? { name: x.text } : {}),
      ...(x.text2 ? { number: x.text2 } : {}),
    })),
    queues: (a.record_queue_list ?? []).map(namedBack),
    ivrs: (a.record_ivr_list ?? []).map(namedBack),
    conferences: (a.record_conference_list ?? []).map(namedBack),
  };
  return rules;
}

const namedBack = (x: YeastarNamedItem) => ({ id: String(x.id), ...(x.text ? { name: x.text } : {}) });
