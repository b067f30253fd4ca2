/**
 * A Blob kept in memory, for the mailbox worker only (entrypoints/mbox-worker installs it as the worker's
 * `Blob`).
 *
 * Why: postal-mime assembles every decoded MIME part as `new Blob(chunks).arrayBuffer()`. In a Chromium worker
 * each of those is a round trip to the browser process's blob registry: 1.1 to 2.5 ms a part (700 small blobs:
 * 1.7 s one after another, 0.8 s all at once, measured in a worker of the built extension). Reading the text of
 * 1,469 sent messages took 6.6 s of a 29 s mailbox import that way. The parts are a few kilobytes, already in the
 * worker's memory, and read back at once, so nothing is gained by handing them to the browser.
 *
 * It takes what postal-mime gives (Uint8Array, ArrayBuffer, string parts) and answers `size`, `type`,
 * `arrayBuffer()`, `text()`, `bytes()` and `slice()`. A part of any other kind (a real Blob) is refused with an
 * error rather than read wrongly; no code in that worker builds one.
 */
const encoder = new TextEncoder();

type Part = Uint8Array | ArrayBuffer | ArrayBufferView | string;

function bytesOf(part: unknown): Uint8Array {
  if (typeof part === 'string') return encoder.encode(part);
  if (part instanceof Uint8Array) return part;
  if (part instanceof ArrayBuffer) return new Uint8Array(part);
  if (ArrayBuffer.isView(part)) return new Uint8Array(part.buffer, part.byteOffset, part.byteLength);
  if (part instanceof PartBlob) return part.bytesNow();
  throw new TypeError('PartBlob takes bytes and strings only');
}

export class PartBlob {
  readonly size: number;
  readonly type: string;
  readonly #bytes: Uint8Array;

  constructor(parts: Iterable<Part | PartBlob> = [], options: { type?: string } = {}) {
    const list = [...parts].map(bytesOf);
    const out = new Uint8Array(list.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of list) {
      out.set(p, at);
      at += p.length;
    }
    this.#bytes = out;
    this.size = out.length;
    this.type = (options.type ?? '').toLowerCase();
  }

  /** The bytes, shared (internal: for a PartBlob made of PartBlobs). */
  bytesNow(): Uint8Array {
    return this.#bytes;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return this.#bytes.slice().buffer;
  }

  async bytes(): Promise<Uint8Array> {
    return this.#bytes.slice();
  }

  async text(): Promise<string> {
    return new TextDecoder().decode(this.#bytes);
  }

  slice(start = 0, end = this.size, type = ''): PartBlob {
    return new PartBlob([this.#bytes.slice(start, end)], { type });
  }

  get [Symbol.toStringTag](): string {
    return 'Blob';
  }
}
