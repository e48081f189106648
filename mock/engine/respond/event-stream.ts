import { isObject } from '../../../spec/document';

/**
 * Answers in `text/event-stream` (server-sent events): a few events, then the end of the response,
 * so a client's parser sees a whole stream and its close. A schema that describes an event itself
 * (members among `data`, `event`, `id`, `retry`, `data` one of them) gives each event's fields;
 * any other describes each event's data, written as JSON (a string as its text).
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
export const EVENTS = 3;

const EVENT_MEMBERS = new Set(['data', 'event', 'id', 'retry']);

export function isEventStream(mediaType: string): boolean {
  return mediaType.split(';')[0]?.trim().toLowerCase() === 'text/event-stream';
}

/** Whether the schema describes a whole event rather than its data. */
export function describesEvent(schema: Readonly<Record<string, unknown>> | undefined): boolean {
  const properties = schema?.properties;
  if (!isObject(properties)) return false;
  const names = Object.keys(properties);
  return names.includes('data') && names.every((name) => EVENT_MEMBERS.has(name));
}

/** The stream's text: one block of fields per value, each ended by a blank line. */
export function eventStreamText(values: readonly unknown[], asEvents: boolean): string {
  return values
    .map((value) => `${(asEvents ? eventFields(value) : dataFields(value)).join('\n')}\n\n`)
    .join('');
}

function eventFields(value: unknown): string[] {
  if (!isObject(value)) return dataFields(value);
  const fields: string[] = [];
  // A field's value ends at a line break: `event` and `id` cannot hold one (nor `id` a NUL).
  const line = (field: unknown) => singleLine(typeof field === 'string' ? field : JSON.stringify(field));
  if (value.event !== undefined) fields.push(`event: ${line(value.event)}`);
  if (value.id !== undefined) fields.push(`id: ${line(value.id).replace(/\0/g, '')}`);
  if (typeof value.retry === 'number' && Number.isInteger(value.retry) && value.retry >= 0)
    fields.push(`retry: ${value.retry}`);
  return [...fields, ...dataFields(value.data ?? '')];
}

/** `data:` lines: a string's lines as they are, any other value as JSON (one line). */
function dataFields(value: unknown): string[] {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
  return text.split(/\r\n|\r|\n/).map((line) => `data: ${line}`);
}

function singleLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}
