/** The protobuf writer's wire format, byte for byte, for the cases ONNX export relies on. */
import { describe, expect, it } from 'vitest';
import { ProtoWriter } from '../../src-main/export/protobuf-writer';

const hex = (w: ProtoWriter) => Buffer.from(w.finish()).toString('hex');

describe('protobuf writer', () => {
  it('writes varints, including negative int64 as ten bytes', () => {
    expect(hex(new ProtoWriter().int(1, 150))).toBe('089601');
    expect(hex(new ProtoWriter().int(8, -1))).toBe('40ffffffffffffffffff01');
    expect(hex(new ProtoWriter().int(20, 7))).toBe('a00107');
  });

  it('writes floats little-endian in fixed 32 bits', () => {
    expect(hex(new ProtoWriter().float(2, 0.5))).toBe('150000003f');
  });

  it('writes strings and nested messages length-delimited', () => {
    expect(hex(new ProtoWriter().string(2, 'testing'))).toBe('120774657374696e67');
    expect(hex(new ProtoWriter().message(3, (m) => m.int(1, 150)))).toBe('1a03089601');
  });

  it('refuses a number that is not an integer for an integer field', () => {
    expect(() => new ProtoWriter().int(1, 1.5)).toThrow(RangeError);
  });
});
