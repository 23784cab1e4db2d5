/**
 * The ONNX messages the exporter writes, encoded by hand with the field numbers of onnx.proto
 * (https://github.com/onnx/onnx/blob/main/onnx/onnx.proto, proto2: repeated scalars unpacked).
 * Only the fields we set are modelled; onnxruntime round trips in test/export verify the bytes.
 */
import { ProtoWriter } from './protobuf-writer';

/** TensorProto.DataType values we use. */
export const TensorDataType = { FLOAT: 1, INT64: 7 } as const;

/** AttributeProto.AttributeType values. */
const AttributeType = { FLOAT: 1, INT: 2, STRING: 3, FLOATS: 6, INTS: 7, STRINGS: 8 } as const;

export type AttributeMessage =
  | { name: string; type: 'float'; f: number }
  | { name: string; type: 'int'; i: number }
  | { name: string; type: 'string'; s: string }
  | { name: string; type: 'floats'; floats: number[] }
  | { name: string; type: 'ints'; ints: number[] }
  | { name: string; type: 'strings'; strings: string[] };

export interface NodeMessage {
  name: string;
  opType: string;
  input: string[];
  output: string[];
  attribute: AttributeMessage[];
}

export interface TensorMessage {
  name: string;
  dims: number[];
  dataType: number;
  /** Little-endian element bytes. */
  rawData: Uint8Array;
}

export interface ValueInfoMessage {
  name: string;
  elemType: number;
  /** A fixed size, or a named symbolic size. */
  dims: (number | string)[];
}

export interface ModelMessage {
  irVersion: number;
  opset: number;
  producerName: string;
  docString: string;
  metadata: Record<string, string>;
  graph: {
    name: string;
    node: NodeMessage[];
    initializer: TensorMessage[];
    input: ValueInfoMessage[];
    output: ValueInfoMessage[];
  };
}

function writeAttribute(w: ProtoWriter, a: AttributeMessage): void {
  w.string(1, a.name);
  switch (a.type) {
    case 'float':
      w.float(2, a.f).int(20, AttributeType.FLOAT);
      break;
    case 'int':
      w.int(3, a.i).int(20, AttributeType.INT);
      break;
    case 'string':
      w.string(4, a.s).int(20, AttributeType.STRING);
      break;
    case 'floats':
      for (const f of a.floats) w.float(7, f);
      w.int(20, AttributeType.FLOATS);
      break;
    case 'ints':
      for (const i of a.ints) w.int(8, i);
      w.int(20, AttributeType.INTS);
      break;
    case 'strings':
      for (const s of a.strings) w.string(9, s);
      w.int(20, AttributeType.STRINGS);
      break;
  }
}

function writeNode(w: ProtoWriter, n: NodeMessage): void {
  for (const i of n.input) w.string(1, i);
  for (const o of n.output) w.string(2, o);
  w.string(3, n.name).string(4, n.opType);
  for (const a of n.attribute) w.message(5, (m) => writeAttribute(m, a));
}

function writeTensor(w: ProtoWriter, t: TensorMessage): void {
  for (const d of t.dims) w.int(1, d);
  w.int(2, t.dataType).string(8, t.name).bytes(9, t.rawData);
}

function writeValueInfo(w: ProtoWriter, v: ValueInfoMessage): void {
  w.string(1, v.name);
  // TypeProto.tensor_type (1) → elem_type (1), shape (2) → dim (1) → dim_value (1) | dim_param (2).
  w.message(2, (type) =>
    type.message(1, (tensor) => {
      tensor.int(1, v.elemType);
      tensor.message(2, (shape) => {
        for (const d of v.dims) shape.message(1, (dim) => (typeof d === 'number' ? dim.int(1, d) : dim.string(2, d)));
      });
    }),
  );
}

/** Encodes a ModelProto. */
export function encodeModel(m: ModelMessage): Uint8Array {
  const w = new ProtoWriter();
  w.int(1, m.irVersion).string(2, m.producerName).string(6, m.docString);
  w.message(7, (g) => {
    for (const n of m.graph.node) g.message(1, (x) => writeNode(x, n));
    g.string(2, m.graph.name);
    for (const t of m.graph.initializer) g.message(5, (x) => writeTensor(x, t));
    for (const v of m.graph.input) g.message(11, (x) => writeValueInfo(x, v));
    for (const v of m.graph.output) g.message(12, (x) => writeValueInfo(x, v));
  });
  // OperatorSetIdProto: domain (1), version (2).
  w.message(8, (o) => o.string(1, '').int(2, m.opset));
  // StringStringEntryProto: key (1), value (2).
  for (const [key, value] of Object.entries(m.metadata)) w.message(14, (e) => e.string(1, key).string(2, value));
  return w.finish();
}
