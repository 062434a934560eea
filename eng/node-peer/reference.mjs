// Runs a model with onnxruntime-node on .npy inputs and writes every output as OUTDIR/<output>.npy.
// Usage: node reference.mjs MODEL OUTDIR NAME=in.npy [NAME=in.npy ...]
// The Inference tests compare EdgeFactory's outputs with these, produced in the same test run.
import ort from 'onnxruntime-node';
import { join } from 'node:path';
import { readNpy, writeNpy } from './npy.mjs';

const [model, outdir, ...pairs] = process.argv.slice(2);
const session = await ort.InferenceSession.create(model, { intraOpNumThreads: 1, graphOptimizationLevel: 'all' });
const feeds = {};
for (const pair of pairs) {
  const eq = pair.indexOf('=');
  const { type, shape, data } = readNpy(pair.slice(eq + 1));
  feeds[pair.slice(0, eq)] = new ort.Tensor(type, type === 'bool' ? Uint8Array.from(data, v => v !== 0) : data, shape);
}
const results = await session.run(feeds);
for (const name of session.outputNames) {
  const t = results[name];
  let data = t.data;
  if (t.type === 'bool') data = Uint8Array.from(data, v => (v ? 1 : 0));
  writeNpy(join(outdir, `${name.replace(/[^A-Za-z0-9_.-]/g, '_')}.npy`), t.type, t.dims, data);
}
console.log(JSON.stringify({ version: ort.env.versions, outputs: session.outputNames }));
