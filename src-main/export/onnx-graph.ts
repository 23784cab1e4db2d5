/**
 * A small builder for ONNX graphs on top of onnx-proto: named nodes, float32 / int64
 * initializers stored as little-endian raw_data, and typed attributes.
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
export { onnx };

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

function attribute(name: string, value: AttributeValue): InstanceType<typeof onnx.AttributeProto> {
  const T = onnx.AttributeProto.AttributeType;
  if (typeof value === 'number') return onnx.AttributeProto.create({ name, type: T.INT, i: value });
  if (typeof value === 'string')
    return onnx.AttributeProto.create({ name, type: T.STRING, s: new TextEncoder().encode(value) });
  if (Array.isArray(value)) {
    if (value.every((v): v is string => typeof v === 'string')) {
      return onnx.AttributeProto.create({
        name,
        type: T.STRINGS,
        strings: value.map((v) => new TextEncoder().encode(v)),
      });
    }
    return onnx.AttributeProto.create({ name, type: T.INTS, ints: value as number[] });
  }
  if ('float' in value) return onnx.AttributeProto.create({ name, type: T.FLOAT, f: value.float });
  return onnx.AttributeProto.create({ name, type: T.FLOATS, floats: value.floats });
}

/** A dimension: a fixed size or a named symbolic size. */
export type Dim = number | string;

function valueInfo(name: string, elemType: number, dims: Dim[]): InstanceType<typeof onnx.ValueInfoProto> {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  });
}

/** Collects nodes and initializers; names are unique per graph. */
export class OnnxGraphBuilder {
  private readonly nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  private readonly initializers: InstanceType<typeof onnx.TensorProto>[] = [];
  private counter = 0;

  /** A fresh tensor name starting with the given hint. */
  name(hint: string): string {
    return `${hint.replace(/[^A-Za-z0-9_]/g, '_')}_${this.counter++}`;
  }

  /** Adds a float32 constant and returns its name. */
  floats(hint: string, dims: number[], values: Float32Array): string {
    const name = this.name(hint);
    this.initializers.push(
      onnx.TensorProto.create({ name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: toBytes(values) }),
    );
    return name;
  }

  /** Adds an int64 constant and returns its name. */
  int64s(hint: string, values: number[]): string {
    const name = this.name(hint);
    this.initializers.push(
      onnx.TensorProto.create({
        name,
        dims: [values.length],
        dataType: onnx.TensorProto.DataType.INT64,
        rawData: toBytes(BigInt64Array.from(values.map((v) => BigInt(v)))),
      }),
    );
    return name;
  }

  /** Adds a node; returns the names of its outputs. */
  node(opType: string, inputs: string[], attrs: Record<string, AttributeValue> = {}, outputCount = 1): string[] {
    const outputs = Array.from({ length: outputCount }, () => this.name(opType.toLowerCase()));
    this.nodes.push(
      onnx.NodeProto.create({
        name: this.name(`${opType}_node`),
        opType,
        input: inputs,
        output: outputs,
        attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
      }),
    );
    return outputs;
  }

  /** Copies a tensor to a fixed name (the graph's output). */
  identity(input: string, output: string): void {
    this.nodes.push(
      onnx.NodeProto.create({ name: this.name('Identity_node'), opType: 'Identity', input: [input], output: [output] }),
    );
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
    const model = onnx.ModelProto.create({
      irVersion: opts.irVersion,
      opsetImport: [{ domain: '', version: opts.opset }],
      producerName: opts.producer,
      docString: opts.docString,
      metadataProps: Object.entries(opts.metadata).map(([key, value]) => ({ key, value })),
      graph: {
        name: 'model',
        node: this.nodes,
        initializer: this.initializers,
        input: [valueInfo(opts.input.name, opts.input.elemType, opts.input.dims)],
        output: [valueInfo(opts.output.name, onnx.TensorProto.DataType.FLOAT, opts.output.dims)],
      },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}
