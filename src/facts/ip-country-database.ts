import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/**
 * A MaxMind DB (`.mmdb`, format 2) read in place: the search tree is walked with positional reads
 * through a small page cache instead of loading the file into memory. The country database is a
 * 7.8 MB search tree that a process would otherwise keep as a Buffer for a lookup or two per order;
 * read this way it costs a few hundred KB at most, and the operating system's page cache (shared, and
 * reclaimable) holds the hot parts of the file.
 *
 * Format: https://maxmind.github.io/MaxMind-DB/ — metadata map after a marker near the end of the
 * file, a binary search tree of `node_count` nodes of two `record_size`-bit records, 16 zero bytes,
 * then the data section (typed values; pointers are offsets into it).
 */
export type MmdbValue =
  string | number | bigint | boolean | Buffer | MmdbValue[] | { [key: string]: MmdbValue };

const METADATA_MARKER = Buffer.from('abcdef4d61784d696e642e636f6d', 'hex'); // \xAB\xCD\xEF MaxMind.com
const METADATA_MAX_BYTES = 128 * 1024;
const DATA_SECTION_SEPARATOR = 16;
const PAGE_SIZE = 4096;

class MmdbFormatError extends Error {
  override readonly name = 'MmdbFormatError';
}

/** Decodes data-section values from `read(offset, length)`; pointers resolve against `pointerBase`. */
class ValueDecoder {
  constructor(
    private readonly read: (offset: number, length: number) => Buffer,
    private readonly pointerBase: number,
  ) {}

  /** The value at `offset` and the offset right after it. */
  decode(offset: number): { value: MmdbValue; next: number } {
    const control = this.byte(offset);
    let cursor = offset + 1;
    let type = control >> 5;
    if (type === 1) {
      const extra = ((control >> 3) & 3) + 1;
      const bytes = this.read(cursor, extra);
      const low = control & 7;
      const pointer =
        extra === 1
          ? (low << 8) | bytes[0]!
          : extra === 2
            ? ((low << 16) | bytes.readUInt16BE(0)) + 2048
            : extra === 3
              ? low * 0x1000000 + bytes.readUIntBE(0, 3) + 526336
              : bytes.readUInt32BE(0);
      return { value: this.decode(this.pointerBase + pointer).value, next: cursor + extra };
    }
    if (type === 0) {
      type = 7 + this.byte(cursor);
      cursor += 1;
    }
    let size = control & 0x1f;
    if (size >= 29) {
      const extra = size - 28;
      const bytes = this.read(cursor, extra);
      cursor += extra;
      size =
        extra === 1
          ? 29 + bytes[0]!
          : extra === 2
            ? 285 + bytes.readUInt16BE(0)
            : 65821 + bytes.readUIntBE(0, 3);
    }
    switch (type) {
      case 2:
        return { value: this.read(cursor, size).toString('utf8'), next: cursor + size };
      case 3:
        return { value: this.read(cursor, 8).readDoubleBE(0), next: cursor + 8 };
      case 4:
        return { value: Buffer.from(this.read(cursor, size)), next: cursor + size };
      case 5:
      case 6:
        return { value: size === 0 ? 0 : this.read(cursor, size).readUIntBE(0, size), next: cursor + size };
      case 8: {
        const unsigned = size === 0 ? 0 : this.read(cursor, size).readUIntBE(0, size);
        return { value: size === 4 ? unsigned | 0 : unsigned, next: cursor + size };
      }
      case 9:
      case 10: {
        let value = 0n;
        for (const byte of size === 0 ? [] : this.read(cursor, size)) value = (value << 8n) | BigInt(byte);
        return { value, next: cursor + size };
      }
      case 7: {
        const map: Record<string, MmdbValue> = {};
        for (let i = 0; i < size; i += 1) {
          const key = this.decode(cursor);
          const value = this.decode(key.next);
          map[String(key.value)] = value.value;
          cursor = value.next;
        }
        return { value: map, next: cursor };
      }
      case 11: {
        const array: MmdbValue[] = [];
        for (let i = 0; i < size; i += 1) {
          const item = this.decode(cursor);
          array.push(item.value);
          cursor = item.next;
        }
        return { value: array, next: cursor };
      }
      case 14:
        return { value: size !== 0, next: cursor };
      case 15:
        return { value: this.read(cursor, 4).readFloatBE(0), next: cursor + 4 };
      default:
        throw new MmdbFormatError(`unsupported MaxMind DB data type ${type} at byte ${offset}`);
    }
  }

  private byte(offset: number): number {
    return this.read(offset, 1)[0]!;
  }
}

/** An open `.mmdb` file. Lookups are synchronous; `close()` releases the file descriptor. */
export class MmdbReader {
  readonly metadata: Readonly<Record<string, MmdbValue>>;
  private readonly nodeCount: number;
  private readonly recordSize: number;
  private readonly nodeBytes: number;
  private readonly treeBytes: number;
  private readonly ipVersion: number;
  private readonly decoder: ValueDecoder;
  private readonly pages = new Map<number, Buffer>();
  private ipv4StartNode: number | undefined;

  private constructor(
    private readonly fd: number,
    private readonly fileSize: number,
    private readonly maxPages: number,
  ) {
    const tailLength = Math.min(METADATA_MAX_BYTES, fileSize);
    const tail = this.readDirect(fileSize - tailLength, tailLength);
    const marker = tail.lastIndexOf(METADATA_MARKER);
    if (marker < 0) throw new MmdbFormatError('not a MaxMind DB file (no metadata marker)');
    const metadataStart = marker + METADATA_MARKER.length;
    const metadata = new ValueDecoder((offset, length) => tail.subarray(offset, offset + length), 0).decode(
      metadataStart,
    ).value;
    if (
      typeof metadata !== 'object' ||
      metadata === null ||
      Array.isArray(metadata) ||
      Buffer.isBuffer(metadata)
    )
      throw new MmdbFormatError('MaxMind DB metadata is not a map');
    this.metadata = metadata;
    const { node_count: nodeCount, record_size: recordSize, ip_version: ipVersion } = metadata;
    if (typeof nodeCount !== 'number' || (recordSize !== 24 && recordSize !== 28 && recordSize !== 32))
      throw new MmdbFormatError(`unsupported MaxMind DB search tree (record size ${String(recordSize)})`);
    this.nodeCount = nodeCount;
    this.recordSize = recordSize;
    this.nodeBytes = recordSize / 4;
    this.treeBytes = nodeCount * this.nodeBytes;
    this.ipVersion = ipVersion === 4 ? 4 : 6;
    this.decoder = new ValueDecoder(
      (offset, length) => this.read(offset, length),
      this.treeBytes + DATA_SECTION_SEPARATOR,
    );
  }

  /** Opens the file; keeps at most `cachePages` 4 KB pages of it in memory (default 64, 256 KB). */
  static open(path: string, options: { cachePages?: number } = {}): MmdbReader {
    const fd = openSync(path, 'r');
    try {
      return new MmdbReader(fd, fstatSync(fd).size, Math.max(1, options.cachePages ?? 64));
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  /** The record of the network holding `address` (4 bytes IPv4 or 16 bytes IPv6), or null. */
  get(address: Uint8Array): MmdbValue | null {
    if (address.length !== 4 && address.length !== 16) throw new RangeError('an address is 4 or 16 bytes');
    if (address.length === 16 && this.ipVersion === 4) return null;
    let node = address.length === 4 && this.ipVersion === 6 ? this.ipv4Start() : 0;
    const bits = address.length * 8;
    for (let i = 0; i < bits && node < this.nodeCount; i += 1) {
      node = this.record(node, (address[i >> 3]! >> (7 - (i & 7))) & 1);
    }
    if (node <= this.nodeCount) return null;
    return this.decoder.decode(this.treeBytes + (node - this.nodeCount)).value;
  }

  /** File pages held in memory now (at most `cachePages`). */
  get cachedPages(): number {
    return this.pages.size;
  }

  close(): void {
    this.pages.clear();
    closeSync(this.fd);
  }

  /** IPv4 addresses live under ::/96 of an IPv6 tree: the node after 96 zero bits. */
  private ipv4Start(): number {
    if (this.ipv4StartNode === undefined) {
      let node = 0;
      for (let i = 0; i < 96 && node < this.nodeCount; i += 1) node = this.record(node, 0);
      this.ipv4StartNode = node;
    }
    return this.ipv4StartNode;
  }

  private record(node: number, side: number): number {
    const at = node * this.nodeBytes;
    if (this.recordSize === 24) return this.read(at + side * 3, 3).readUIntBE(0, 3);
    if (this.recordSize === 32) return this.read(at + side * 4, 4).readUInt32BE(0);
    const bytes = this.read(at, 7);
    return side === 0
      ? ((bytes[3]! & 0xf0) << 20) | bytes.readUIntBE(0, 3)
      : ((bytes[3]! & 0x0f) << 24) | bytes.readUIntBE(4, 3);
  }

  /** Bytes of the file, from a cached page when they lie within one (least recently used evicted). */
  private read(offset: number, length: number): Buffer {
    if (offset < 0 || offset + length > this.fileSize)
      throw new MmdbFormatError(`MaxMind DB read past the end of the file (byte ${offset})`);
    const index = Math.floor(offset / PAGE_SIZE);
    const within = offset - index * PAGE_SIZE;
    if (within + length > PAGE_SIZE) return this.readDirect(offset, length);
    let page = this.pages.get(index);
    if (page) {
      this.pages.delete(index);
    } else {
      page = this.readDirect(index * PAGE_SIZE, Math.min(PAGE_SIZE, this.fileSize - index * PAGE_SIZE));
      if (this.pages.size >= this.maxPages) this.pages.delete(this.pages.keys().next().value!);
    }
    this.pages.set(index, page);
    return page.subarray(within, within + length);
  }

  private readDirect(offset: number, length: number): Buffer {
    const buffer = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const read = readSync(this.fd, buffer, done, length - done, offset + done);
      if (read === 0) throw new MmdbFormatError(`MaxMind DB file ended early (byte ${offset + done})`);
      done += read;
    }
    return buffer;
  }
}
