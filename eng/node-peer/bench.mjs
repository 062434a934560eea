// Times onnxruntime-node on zeroed inputs, the peer of `make bench-inference`.
// Usage: node bench.mjs MODEL NAME=1x3x640x640 THREADS RUNS WARMUP
// Prints {"samples":[ms, ...]}: the latency of each awaited session.run, as a Node.js caller sees it.
import ort from 'onnxruntime-node';

const [model, shapeArg, threads, runs, warmup] = process.argv.slice(2);
const session = await ort.InferenceSession.create(model, {
  intraOpNumThreads: Number(threads), interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all',
});
const [name, dims] = shapeArg.split('=');
const shape = dims.split('x').map(Number);
const feeds = { [name]: new ort.Tensor('float32', new Float32Array(shape.reduce((a, b) => a * b, 1)), shape) };
for (let i = 0; i < Number(warmup); i++) await session.run(feeds);
const samples = [];
for (let i = 0; i < Number(runs); i++) {
  const t0 = process.hrtime.bigint();
  await session.run(feeds);
  samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
console.log(JSON.stringify({ samples }));
