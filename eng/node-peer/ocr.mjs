// Reads text from images with @gutenye/ocr-node (PP-OCR det + rec on onnxruntime-node), the peer of `edgefactory vision`.
// Usage: node ocr.mjs DET REC KEYS [--rounds N] [--threads N] IMAGE...
// Prints one JSON line per image and round: {"file","round","ms","lines":[{"text","mean","box"}]}.
// The Vision tests compare texts with EdgeFactory's; the vision benchmark times both on the same images.
import Ocr from '@gutenye/ocr-node';

const args = process.argv.slice(2);
const [detectionPath, recognitionPath, dictionaryPath] = args.splice(0, 3);
let rounds = 1;
let threads = 1;
const images = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--rounds') rounds = Number(args[++i]);
  else if (args[i] === '--threads') threads = Number(args[++i]);
  else images.push(args[i]);
}

const ocr = await Ocr.create({
  models: { detectionPath, recognitionPath, dictionaryPath },
  onnxOptions: { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' },
});
for (let round = 0; round < rounds; round++) {
  for (const file of images) {
    const started = process.hrtime.bigint();
    const lines = await ocr.detect(file);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    process.stdout.write(JSON.stringify({ file, round, ms, lines }) + '\n');
  }
}
