// Moleculer serializer on msgpackr. Moleculer's built-in "MsgPack" uses msgpack5, which is
// slower than its JSON serializer; msgpackr is faster than JSON and keeps Buffers binary
// (telemetry frames travel as bytes, not as base64 or number arrays).
// Records are on, but without shared structures: every packet carries its own record
// definitions, so nodes need no common state (docs/decisions/0002-msgpackr-serializer.md).
import { Serializers } from 'moleculer';
import { Packr } from 'msgpackr';
import { MillwrightError } from '../../contracts/index.ts';

export class MsgpackrSerializer extends Serializers.Base {
  readonly #packr = new Packr({ useRecords: true, mapsAsObjects: true, moreTypes: false });

  override serialize(packet: object, type: string): Buffer {
    try {
      return this.#packr.pack(packet);
    } catch (cause) {
      throw new MillwrightError(
        'MW_PLATFORM_SERIALIZE_FAILED',
        `cannot serialize ${type} packet`,
        { type },
        { cause },
      );
    }
  }

  override deserialize(buffer: Buffer | string, type: string): object {
    try {
      return this.#packr.unpack(
        typeof buffer === 'string' ? Buffer.from(buffer) : buffer,
      ) as object;
    } catch (cause) {
      throw new MillwrightError(
        'MW_PLATFORM_SERIALIZE_FAILED',
        `cannot deserialize ${type} packet`,
        { type },
        { cause },
      );
    }
  }
}
