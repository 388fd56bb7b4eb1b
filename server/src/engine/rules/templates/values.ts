// How components read flag and field values: pflag's bool syntax and "set" meaning a non-empty value.

/** strconv.ParseBool, which pflag uses for bool flags; undefined for anything else. */
export function parseBool(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(value)) return false;
  return undefined;
}

export function isSet(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}
