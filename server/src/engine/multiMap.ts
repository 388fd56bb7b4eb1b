// Lists grouped by key, appended in place: copying a list on every add is quadratic when thousands share a key.

export function appendTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
