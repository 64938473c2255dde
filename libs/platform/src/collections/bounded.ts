/** A Map that forgets its oldest entries beyond `limit` (a value set again counts as new). */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super();
  }
  override set(key: K, value: V): this {
    if (this.has(key)) this.delete(key);
    else if (this.size >= this.limit) this.delete(this.keys().next().value as K);
    return super.set(key, value);
  }
}

/** A Set that forgets its oldest values beyond `limit`. */
export class BoundedSet<T> extends Set<T> {
  constructor(private readonly limit: number) {
    super();
  }
  override add(value: T): this {
    if (!this.has(value) && this.size >= this.limit) this.delete(this.values().next().value as T);
    return super.add(value);
  }
}
