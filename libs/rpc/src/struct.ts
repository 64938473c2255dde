/**
 * `google.protobuf.Struct` / `Value` as @grpc/proto-loader represents them (with `oneofs: true`), and
 * their conversion from and to plain JSON values: for the few free-form fields of the contracts (a
 * provider's raw payload, an event's data), which stay typed on the wire instead of JSON in a string.
 */
export interface ProtoValue {
  nullValue?: 'NULL_VALUE' | 0;
  numberValue?: number;
  stringValue?: string;
  boolValue?: boolean;
  structValue?: ProtoStruct | null;
  listValue?: { values?: ProtoValue[] } | null;
  kind?: 'nullValue' | 'numberValue' | 'stringValue' | 'boolValue' | 'structValue' | 'listValue';
}

export interface ProtoStruct {
  fields?: Record<string, ProtoValue>;
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export function toProtoValue(value: unknown): ProtoValue {
  if (value === null || value === undefined) return { nullValue: 'NULL_VALUE' };
  if (typeof value === 'number') return { numberValue: value };
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (Array.isArray(value)) return { listValue: { values: value.map(toProtoValue) } };
  if (value instanceof Date) return { stringValue: value.toISOString() };
  if (typeof value === 'object') return { structValue: toStruct(value as Record<string, unknown>) };
  return { stringValue: String(value) };
}

export function toStruct(object: Record<string, unknown>): ProtoStruct {
  const fields: Record<string, ProtoValue> = {};
  for (const [key, value] of Object.entries(object)) if (value !== undefined) fields[key] = toProtoValue(value);
  return { fields };
}

export function fromProtoValue(value: ProtoValue | null | undefined): JsonValue {
  if (!value) return null;
  switch (value.kind) {
    case 'numberValue':
      return value.numberValue ?? 0;
    case 'stringValue':
      return value.stringValue ?? '';
    case 'boolValue':
      return value.boolValue ?? false;
    case 'structValue':
      return fromStruct(value.structValue);
    case 'listValue':
      return (value.listValue?.values ?? []).map(fromProtoValue);
    default:
      return null;
  }
}

/** The plain object of a Struct; an absent Struct is null (a field that was not set). */
export function fromStruct(struct: ProtoStruct | null | undefined): { [key: string]: JsonValue } | null {
  if (!struct) return null;
  const object: { [key: string]: JsonValue } = {};
  for (const [key, value] of Object.entries(struct.fields ?? {})) object[key] = fromProtoValue(value);
  return object;
}

/** A `map<string, google.protobuf.Value>` field (e.g. custom-field values) from a plain object. */
export function toValueMap(object: Record<string, unknown>): Record<string, ProtoValue> {
  const map: Record<string, ProtoValue> = {};
  for (const [key, value] of Object.entries(object)) if (value !== undefined) map[key] = toProtoValue(value);
  return map;
}

/** The plain object of a `map<string, google.protobuf.Value>` field (empty when absent). */
export function fromValueMap(map: Record<string, ProtoValue> | null | undefined): { [key: string]: JsonValue } {
  const object: { [key: string]: JsonValue } = {};
  for (const [key, value] of Object.entries(map ?? {})) object[key] = fromProtoValue(value);
  return object;
}
