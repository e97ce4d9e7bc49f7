#!/usr/bin/env node
// A stand-in for the Ultralytics CLI with its command line and file contract (see the fixtures README, ultralytics-run):
//   train model=<arch>.yaml|<weights>.pt data=<data.yaml|dir> epochs=E imgsz=S device=cpu|0 project=P name=N exist_ok=True
//   export model=<P/N/weights/best.pt> format=onnx imgsz=S
// Environment: FAKE_YOLO_EPOCH_MS (time per epoch, default 100), FAKE_YOLO_FAIL_AT_EPOCH (exit 1 there),
// FAKE_YOLO_ONNX (the file `export` copies to weights/best.onnx), FAKE_YOLO_PID_FILE (writes its pid there).
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

function fail(reason) {
  console.error(reason);
  process.exit(1);
}

const [, , ...argv] = process.argv;
const TASKS = ['detect', 'segment', 'pose', 'obb', 'classify'];
if (TASKS.includes(argv[0])) argv.shift();
const mode = argv.shift();
const args = {};
for (const arg of argv) {
  const match = /^([a-z_]+)=(.*)$/.exec(arg);
  if (!match) fail(`SyntaxError: '${arg}' is not a valid YOLO argument. Arguments must be passed as key=value pairs.`);
  args[match[1]] = match[2];
}
if (process.env.FAKE_YOLO_PID_FILE) writeFileSync(process.env.FAKE_YOLO_PID_FILE, String(process.pid));

const integer = (name, min, max) => {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value < min || value > max)
    fail(`ValueError: '${name}=${args[name]}' must be an integer from ${min} to ${max}`);
  return value;
};

if (mode === 'export') {
  if (args.format !== 'onnx') fail(`ValueError: format='${args.format}' is not supported by this stand-in`);
  if (!args.model || !existsSync(args.model)) fail(`FileNotFoundError: model '${args.model}' does not exist`);
  integer('imgsz', 32, 1280);
  const onnx = process.env.FAKE_YOLO_ONNX;
  if (!onnx || !existsSync(onnx)) fail('FAKE_YOLO_ONNX must name the ONNX file to export');
  const target = path.join(path.dirname(args.model), `${path.basename(args.model, '.pt')}.onnx`);
  copyFileSync(onnx, target);
  console.log(`ONNX: export success, saved as '${target}'`);
  process.exit(0);
}
if (mode !== 'train') fail(`SyntaxError: '${mode}' is not a valid YOLO mode (train, export)`);

for (const required of ['model', 'data', 'epochs', 'imgsz', 'device', 'project', 'name']) {
  if (!args[required]) fail(`SyntaxError: missing argument '${required}'`);
}
const epochs = integer('epochs', 1, 1000);
integer('imgsz', 32, 1280);
if (args.device !== 'cpu' && !/^\d+(,\d+)*$/.test(args.device)) fail(`ValueError: invalid device='${args.device}'`);
if (!existsSync(args.data)) fail(`FileNotFoundError: dataset '${args.data}' does not exist`);
if (args.model.endsWith('.pt')) {
  if (!existsSync(args.model)) fail(`FileNotFoundError: weights '${args.model}' do not exist`);
} else if (!/^yolo(v\d+|\d+)[nsmlx](-(seg|pose|obb|cls))?\.yaml$/.test(args.model)) {
  fail(`FileNotFoundError: '${args.model}' is not a known model configuration`);
}
const suffix = /-(seg|pose|obb|cls)\./.exec(args.model)?.[1];
const task = { seg: 'segment', pose: 'pose', obb: 'obb', cls: 'classify' }[suffix] ?? (args.data.endsWith('.yaml') ? 'detect' : 'classify');

const saveDir = path.join(args.project, args.name);
mkdirSync(path.join(saveDir, 'weights'), { recursive: true });
writeFileSync(
  path.join(saveDir, 'args.yaml'),
  `task: ${task}\nmode: train\nmodel: ${args.model}\ndata: ${args.data}\nepochs: ${epochs}\nimgsz: ${args.imgsz}\ndevice: ${args.device}\nproject: ${args.project}\nname: ${args.name}\nexist_ok: true\nsave_dir: ${saveDir}\n`,
);

const metrics = (kind) => [`metrics/precision(${kind})`, `metrics/recall(${kind})`, `metrics/mAP50(${kind})`, `metrics/mAP50-95(${kind})`];
const COLUMNS = {
  detect: ['train/box_loss', 'train/cls_loss', 'train/dfl_loss', ...metrics('B'), 'val/box_loss', 'val/cls_loss', 'val/dfl_loss'],
  obb: ['train/box_loss', 'train/cls_loss', 'train/dfl_loss', ...metrics('B'), 'val/box_loss', 'val/cls_loss', 'val/dfl_loss'],
  segment: [
    'train/box_loss',
    'train/seg_loss',
    'train/cls_loss',
    'train/dfl_loss',
    ...metrics('B'),
    ...metrics('M'),
    'val/box_loss',
    'val/seg_loss',
    'val/cls_loss',
    'val/dfl_loss',
  ],
  pose: [
    'train/box_loss',
    'train/pose_loss',
    'train/kobj_loss',
    'train/cls_loss',
    'train/dfl_loss',
    ...metrics('B'),
    ...metrics('P'),
    'val/box_loss',
    'val/pose_loss',
    'val/kobj_loss',
    'val/cls_loss',
    'val/dfl_loss',
  ],
  classify: ['train/loss', 'metrics/accuracy_top1', 'metrics/accuracy_top5', 'val/loss'],
}[task];
const header = ['epoch', 'time', ...COLUMNS, ...(task === 'classify' ? [] : ['lr/pg0', 'lr/pg1', 'lr/pg2'])];

const epochMs = Number(process.env.FAKE_YOLO_EPOCH_MS ?? 100);
const failAt = Number(process.env.FAKE_YOLO_FAIL_AT_EPOCH ?? 0);
const parent = process.ppid;
const rows = [];
const torchZip = Buffer.from([0x50, 0x4b, 0x03, 0x04, ...Buffer.from('fake torch weights')]);
for (let epoch = 1; epoch <= epochs; epoch++) {
  await new Promise((resolve) => setTimeout(resolve, epochMs));
  if (process.ppid !== parent) process.exit(1); // orphaned: whoever ran it is gone
  if (epoch === failAt) fail(`RuntimeError: CUDA out of memory at epoch ${epoch} (fake failure)`);
  const progress = epoch / epochs;
  const values = COLUMNS.map((column) => (column.includes('loss') ? 5 - 3 * progress : Math.min(1, 0.1 + 0.8 * progress)).toFixed(5));
  const lr = task === 'classify' ? [] : ['0.0002', '0.0002', '0.0002'];
  rows.push([epoch, ((epoch * epochMs) / 1000).toFixed(4), ...values, ...lr].join(','));
  // Ultralytics rewrites the whole file each epoch.
  writeFileSync(path.join(saveDir, 'results.csv'), `${header.join(',')}\n${rows.join('\n')}\n`);
  writeFileSync(path.join(saveDir, 'weights', 'last.pt'), torchZip);
  console.log(`${epoch}/${epochs} done`);
}
writeFileSync(path.join(saveDir, 'weights', 'best.pt'), torchZip);
console.log(`${epochs} epochs completed. Results saved to ${saveDir}`);
