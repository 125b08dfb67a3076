/**
 * The products' filter and sort columns, mirrored in memory as typed arrays (a few MB for 100,000 products): a
 * pass over all of them takes about a millisecond, where GROUP BYs over a joined match set took tens. The engine
 * loads them on its first search, keeps them up to date with its own writes, and reloads them whole when another
 * connection has written (see engine.ts).
 */

/** Column ids at or above this are found through a Map rather than a typed array. */
const DENSE_ID_LIMIT = 1 << 22;

/** Strings (categories, provinces, certifications) as small integer codes. */
export class Dictionary {
  readonly values: string[] = [];
  private readonly codes = new Map<string, number>();

  code(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.codes.set(value, code);
    }
    return code;
  }

  /** The code of a value, or -1 when no product has it. */
  find(value: string): number {
    return this.codes.get(value) ?? -1;
  }
}

/** The filter and sort columns of one product, as stored in `products` (certifications from their table). */
interface ColumnValues {
  id: number;
  category: string;
  province_code: string;
  price_vnd: number;
  in_stock: number;
  ocop_stars: number | null;
  ocop_expires_at: number | null;
  cooperative_id: number;
  created_at: number;
  certifications: readonly string[];
}

const toNumber = (value: unknown): number => (value === null || value === undefined ? NaN : Number(value));

/**
 * The products table in typed arrays, one slot per product. SQL NULLs are NaN, so that every comparison with them
 * is false as in SQL. A removed product's slot stays dead until the next full load: a search that is between two
 * statements never sees a slot change owner.
 */
export class ProductColumns {
  /** Slots handed out (dead ones included). */
  size = 0;
  /** Live products. */
  live = 0;
  ids = new Float64Array(0);
  alive = new Uint8Array(0);
  category = new Int32Array(0);
  province = new Int32Array(0);
  price = new Float64Array(0);
  inStock = new Uint8Array(0);
  stars = new Float64Array(0);
  expires = new Float64Array(0);
  cooperative = new Float64Array(0);
  created = new Float64Array(0);
  /** Certification bitsets, `certWords` 32-bit words per slot. */
  certWords = 1;
  certs = new Uint32Array(0);
  readonly categories = new Dictionary();
  readonly provinces = new Dictionary();
  readonly certifications = new Dictionary();
  /** id → slot + 1, for ids below DENSE_ID_LIMIT; others in `sparse`. */
  private dense = new Int32Array(0);
  private readonly sparse = new Map<number, number>();

  private isDense(id: number): boolean {
    return Number.isInteger(id) && id >= 0 && id < this.dense.length;
  }

  private every = new Int32Array(0);

  /** 0, 1, … size − 1: every slot (dead ones too), for a pass over all products. */
  allSlots(): Int32Array {
    if (this.every.length !== this.size) {
      const every = new Int32Array(this.size);
      for (let i = 0; i < every.length; i++) every[i] = i;
      this.every = every;
    }
    return this.every;
  }

  /** The slot of a live product, or -1. */
  slotOf(id: number): number {
    const dense = this.dense;
    if (id >= 0 && id < dense.length) {
      // (Undefined for an id that is no integer: that goes to the Map, like the ids that are too large.)
      const slot = dense[id];
      if (slot !== undefined) return slot - 1;
    }
    return this.sparse.get(id) ?? -1;
  }

  set(values: ColumnValues): void {
    const id = values.id;
    let slot = this.slotOf(id);
    if (slot < 0) {
      slot = this.size;
      this.grow(slot + 1);
      this.size += 1;
      this.live += 1;
      if (Number.isInteger(id) && id >= 0 && id < DENSE_ID_LIMIT) {
        if (id >= this.dense.length) {
          const dense = new Int32Array(
            Math.min(DENSE_ID_LIMIT, Math.max(id + 1, this.dense.length * 2, 1024)),
          );
          dense.set(this.dense);
          this.dense = dense;
        }
        this.dense[id] = slot + 1;
      } else this.sparse.set(id, slot);
    }
    this.ids[slot] = id;
    this.alive[slot] = 1;
    this.category[slot] = this.categories.code(String(values.category));
    this.province[slot] = this.provinces.code(String(values.province_code));
    this.price[slot] = toNumber(values.price_vnd);
    this.inStock[slot] = Number(values.in_stock) === 1 ? 1 : 0;
    this.stars[slot] = toNumber(values.ocop_stars);
    this.expires[slot] = toNumber(values.ocop_expires_at);
    this.cooperative[slot] = toNumber(values.cooperative_id);
    this.created[slot] = toNumber(values.created_at);
    this.certs.fill(0, slot * this.certWords, (slot + 1) * this.certWords);
    for (const certification of values.certifications) this.addCertification(slot, certification);
  }

  addCertification(slot: number, certification: string): void {
    const code = this.certifications.code(String(certification));
    if (code >= this.certWords * 32) {
      const words = this.certWords * 2;
      const certs = new Uint32Array(this.ids.length * words);
      for (let s = 0; s < this.size; s++)
        for (let w = 0; w < this.certWords; w++) certs[s * words + w] = this.certs[s * this.certWords + w]!;
      this.certWords = words;
      this.certs = certs;
    }
    this.certs[slot * this.certWords + (code >>> 5)]! |= 1 << (code & 31);
  }

  remove(id: number): void {
    const slot = this.slotOf(id);
    if (slot < 0) return;
    this.alive[slot] = 0;
    this.live -= 1;
    if (this.isDense(id)) this.dense[id] = 0;
    else this.sparse.delete(id);
  }

  private grow(needed: number): void {
    if (needed <= this.ids.length) return;
    const n = Math.max(needed, this.ids.length * 2, 1024);
    const copy = <T extends Float64Array | Int32Array | Uint8Array | Uint32Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.ids = copy(this.ids, new Float64Array(n));
    this.alive = copy(this.alive, new Uint8Array(n));
    this.category = copy(this.category, new Int32Array(n));
    this.province = copy(this.province, new Int32Array(n));
    this.price = copy(this.price, new Float64Array(n));
    this.inStock = copy(this.inStock, new Uint8Array(n));
    this.stars = copy(this.stars, new Float64Array(n));
    this.expires = copy(this.expires, new Float64Array(n));
    this.cooperative = copy(this.cooperative, new Float64Array(n));
    this.created = copy(this.created, new Float64Array(n));
    this.certs = copy(this.certs, new Uint32Array(n * this.certWords));
  }
}

/** The live slots of the ids of a group_concat(rowid) string, and how many there are. */
export function slotsOf(ids: string | null | undefined, columns: ProductColumns): [Int32Array, number] {
  if (!ids) return [new Int32Array(0), 0];
  // Every id takes at least one digit and a comma.
  const slots = new Int32Array((ids.length >> 1) + 1);
  let n = 0;
  let value = 0;
  let negative = false;
  for (let i = 0; i <= ids.length; i++) {
    const c = i < ids.length ? ids.charCodeAt(i) : 44;
    if (c === 44) {
      const slot = columns.slotOf(negative ? -value : value);
      if (slot >= 0) slots[n++] = slot;
      value = 0;
      negative = false;
    } else if (c === 45) negative = true;
    else value = value * 10 + (c - 48);
  }
  return [slots, n];
}
