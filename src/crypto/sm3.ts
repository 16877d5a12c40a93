// SM3 cryptographic hash (GB/T 32905-2016, GM/T 0004-2012), needed by SM2DSA (ZA and e = SM3(ZA || M)) and
// SM2PKE (KDF and C3). Neither @noble/hashes nor a well-kept npm package offers it, so the compression function
// is implemented here on top of @noble/hashes' Merkle-Damgård base (padding, length, streaming). Lazy.

import { HashMD } from '@noble/hashes/_md.js';
import { createHasher } from '@noble/hashes/utils.js';

const IV = [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e];
const W = new Uint32Array(68);

const rotl = (x: number, n: number): number => ((x << n) | (x >>> (32 - n))) >>> 0;
const p0 = (x: number): number => (x ^ rotl(x, 9) ^ rotl(x, 17)) >>> 0;
const p1 = (x: number): number => (x ^ rotl(x, 15) ^ rotl(x, 23)) >>> 0;

class Sm3 extends HashMD<Sm3> {
  private state = Uint32Array.from(IV);

  constructor() {
    super(64, 32, 8, false);
  }

  protected get(): number[] {
    return Array.from(this.state);
  }

  protected set(...words: number[]): void {
    for (let i = 0; i < 8; i++) this.state[i] = words[i] ?? 0;
  }

  protected process(view: DataView, offset: number): void {
    for (let j = 0; j < 16; j++) W[j] = view.getUint32(offset + j * 4, false);
    for (let j = 16; j < 68; j++) {
      const wj3 = W[j - 3] as number;
      W[j] =
        (p1((W[j - 16] as number) ^ (W[j - 9] as number) ^ rotl(wj3, 15)) ^
          rotl(W[j - 13] as number, 7) ^
          (W[j - 6] as number)) >>>
        0;
    }
    let [a, b, c, d, e, f, g, h] = this.state as unknown as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    for (let j = 0; j < 64; j++) {
      const t = j < 16 ? 0x79cc4519 : 0x7a879d8a;
      const ss1 = rotl((rotl(a, 12) + e + rotl(t, j % 32)) >>> 0, 7);
      const ss2 = (ss1 ^ rotl(a, 12)) >>> 0;
      const ff = j < 16 ? a ^ b ^ c : (a & b) | (a & c) | (b & c);
      const gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
      const wj = W[j] as number;
      const tt1 = (ff + d + ss2 + (wj ^ (W[j + 4] as number))) >>> 0;
      const tt2 = (gg + h + ss1 + wj) >>> 0;
      d = c;
      c = rotl(b, 9);
      b = a;
      a = tt1;
      h = g;
      g = rotl(f, 19);
      f = e;
      e = p0(tt2);
    }
    const s = this.state;
    s[0] = (s[0] as number) ^ a;
    s[1] = (s[1] as number) ^ b;
    s[2] = (s[2] as number) ^ c;
    s[3] = (s[3] as number) ^ d;
    s[4] = (s[4] as number) ^ e;
    s[5] = (s[5] as number) ^ f;
    s[6] = (s[6] as number) ^ g;
    s[7] = (s[7] as number) ^ h;
  }

  protected roundClean(): void {
    W.fill(0);
  }

  destroy(): void {
    this.destroyed = true;
    this.state.fill(0);
    this.buffer.fill(0);
  }

  _cloneInto(to?: Sm3): Sm3 {
    const target = to ?? new Sm3();
    target.set(...this.get());
    return this._cloneIntoMeta(target);
  }
}

/** SM3 as a noble-style hash function: sm3(bytes) → 32 bytes; sm3.create() for streaming. */
export const sm3 = createHasher(() => new Sm3());
