/**
 * A small builder for ONNX graphs: named nodes, float32 / int64 initializers stored as
 * little-endian raw_data, and typed attributes, encoded by onnx-messages.ts.
 */
import {
  encodeModel,
  TensorDataType,
  type AttributeMessage,
  type NodeMessage,
  type TensorMessage,
  type ValueInfoMessage,
} from './onnx-messages';

export { TensorDataType };

/** Attribute values the exporter uses. */
export type AttributeValue = number | string | number[] | string[] | { float: number } | { floats: number[] };

function toBytes(ta: Float32Array | BigInt64Array): Uint8Array {
  // ONNX raw_data is little-endian; typed arrays use host order, so convert on big-endian hosts.
  const bytes = new Uint8Array(ta.byteLength);
  const view = new DataView(bytes.buffer);
  if (ta instanceof Float32Array) ta.forEach((v, i) => view.setFloat32(i * 4, v, true));
  else ta.forEach((v, i) => view.setBigInt64(i * 8, v, true));
  return bytes;
}

function attribute(name: string, value: AttributeValue): AttributeMessage {
  if (typeof value === 'number') return { name, type: 'int', i: value };
  if (typeof value === 'string') return { name, type: 'string', s: value };
  if (Array.isArray(value)) {
    if (value.every((v): v is string => typeof v === 'string')) return { name, type: 'strings', strings: value };
    return { name, type: 'ints', ints: value as number[] };
  }
  if ('float' in value) return { name, type: 'float', f: value.float };
  return { name, type: 'floats', floats: value.floats };
}

/** A dimension: a fixed size or a named symbolic size. */
export type Dim = number | string;

function valueInfo(name: string, elemType: number, dims: Dim[]): ValueInfoMessage {
  return { name, elemType, dims };
}

/** Collects nodes and initializers; names are unique per graph. */
export class OnnxGraphBuilder {
  private readonly nodes: NodeMessage[] = [];
  private readonly initializers: TensorMessage[] = [];
  private counter = 0;

  /** A fresh tensor name starting with the given hint. */
  name(hint: string): string {
    return `${hint.replace(/[^A-Za-z0-9_]/g, '_')}_${this.counter++}`;
  }

  /** Adds a float32 constant and returns its name. */
  floats(hint: string, dims: number[], values: Float32Array): string {
    const name = this.name(hint);
    this.initializers.push({ name, dims, dataType: TensorDataType.FLOAT, rawData: toBytes(values) });
    return name;
  }

  /** Adds an int64 constant and returns its name. */
  int64s(hint: string, values: number[]): string {
    const name = this.name(hint);
    this.initializers.push({
      name,
      dims: [values.length],
      dataType: TensorDataType.INT64,
      rawData: toBytes(BigInt64Array.from(values.map((v) => BigInt(v)))),
    });
    return name;
  }

  /** Adds a node; returns the names of its outputs. */
  node(opType: string, inputs: string[], attrs: Record<string, AttributeValue> = {}, outputCount = 1): string[] {
    const outputs = Array.from({ length: outputCount }, () => this.name(opType.toLowerCase()));
    this.nodes.push({
      name: this.name(`${opType}_node`),
      opType,
      input: inputs,
      output: outputs,
      attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
    });
    return outputs;
  }

  /** Copies a tensor to a fixed name (the graph's output). */
  identity(input: string, output: string): void {
    this.nodes.push({
      name: this.name('Identity_node'),
      opType: 'Identity',
      input: [input],
      output: [output],
      attribute: [],
    });
  }

  /** Shorthand for a single-output node. */
  op(opType: string, inputs: string[], attrs: Record<string, AttributeValue> = {}): string {
    return this.node(opType, inputs, attrs)[0];
  }

  /** Serializes the model with one input and one output. */
  encode(opts: {
    input: { name: string; elemType: number; dims: Dim[] };
    output: { name: string; dims: Dim[] };
    opset: number;
    irVersion: number;
    producer: string;
    docString: string;
    metadata: Record<string, string>;
  }): Uint8Array {
    const { input, output, ...rest } = opts;
    return this.encodeGraph({ ...rest, inputs: [input], outputs: [output] });
  }

  /** Serializes the model with named inputs and float32 outputs. */
  encodeGraph(opts: {
    inputs: { name: string; elemType: number; dims: Dim[] }[];
    outputs: { name: string; dims: Dim[] }[];
    opset: number;
    irVersion: number;
    producer: string;
    docString: string;
    metadata: Record<string, string>;
  }): Uint8Array {
    return encodeModel({
      irVersion: opts.irVersion,
      opset: opts.opset,
      producerName: opts.producer,
      docString: opts.docString,
      metadata: opts.metadata,
      graph: {
        name: 'model',
        node: this.nodes,
        initializer: this.initializers,
        input: opts.inputs.map((i) => valueInfo(i.name, i.elemType, i.dims)),
        output: opts.outputs.map((o) => valueInfo(o.name, TensorDataType.FLOAT, o.dims)),
      },
    });
  }
}
