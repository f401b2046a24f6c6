import { badInput, type FieldProblem } from '../../domain/errors';
import type { AttachRequest } from '../port';
import type { B24AttachRecordParams } from './wire';

export type AttachMode = 'FILE_CONTENT' | 'RECORD_URL' | 'uploadUrl';

/** attachRecord: "The file name must end in wav or mp3" (seed 004). Checked before any vendor call. */
export function checkAttach(req: AttachRequest): AttachMode {
  const problems: FieldProblem[] = [];
  if (!req.crmCallId) problems.push({ path: ['crmCallId'], message: 'required' });
  if (!/\.(wav|mp3)$/i.test(req.fileName ?? ''))
    problems.push({ path: ['fileName'], message: 'Bitrix24 accepts only file names ending in .wav or .mp3' });
  const given = [req.contentBase64 !== undefined, req.recordUrl !== undefined, req.content !== undefined].filter(Boolean).length;
  if (given !== 1) problems.push({ path: ['content'], message: 'give exactly one of contentBase64, recordUrl, content' });
  if (req.recordUrl !== undefined && !/^https?:\/\//i.test(req.recordUrl)) problems.push({ path: ['recordUrl'], message: 'must be an http(s) URL' });
  if (problems.length) throw badInput(problems);
  return req.contentBase64 !== undefined ? 'FILE_CONTENT' : req.recordUrl !== undefined ? 'RECORD_URL' : 'uploadUrl';
}

export function toAttachParams(req: AttachRequest, mode: AttachMode): B24AttachRecordParams {
  const params: B24AttachRecordParams = { CALL_ID: req.crmCallId, FILENAME: req.fileName };
  if (mode === 'FILE_CONTENT') params.FILE_CONTENT = req.contentBase64!;
  if (mode === 'RECORD_URL') params.RECORD_URL = req.recordUrl!;
  return params;
}

/** multipart/form-data with one file part, as the uploadUrl expects it in `fieldName`. */
export function multipartBody(fieldName: string, fileName: string, data: Buffer): { contentType: string; data: Buffer } {
  const boundary = `----recording-subgraph-${Math.random().toString(16).slice(2)}${Date.now().toString(16)}`;
  const type = /\.mp3$/i.test(fileName) ? 'audio/mpeg' : 'audio/wav';
  const safeName = fileName.replace(/["\r\n]/g, '_');
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${fieldName.replace(/["\r\n]/g, '_')}"; filename="${safeName}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { contentType: `multipart/form-data; boundary=${boundary}`, data: Buffer.concat([head, data, tail]) };
}
