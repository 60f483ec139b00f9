// libvips' own best, for comparison with bench/ThumbApi.Bench: the same preset from appsettings.json, from an
// in-memory buffer to an in-memory output, one thread, one JSON line per file of the same shape.
// usage: node bench.js --preset small|all --iterations 30 FILE…
// "all" renders every configured preset, one pipeline (so one decode) each: how sharp is used, one size per call.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const sharp = require('sharp');

function parse(argv) {
  const options = { preset: 'small', iterations: 30, files: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--preset') options.preset = argv[++i];
    else if (argv[i] === '--iterations') options.iterations = Number(argv[++i]);
    else options.files.push(argv[i]);
  }
  if (options.files.length === 0 || !(options.iterations >= 1)) throw new Error('usage: --preset small|all --iterations 30 FILE…');
  return options;
}

function loadPresets(name) {
  const settings = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'appsettings.json'), 'utf8'));
  const presets = settings.Thumbnails.Presets;
  if (name === 'all') return Object.values(presets);
  if (!presets[name]) throw new Error(`No preset '${name}' in appsettings.json.`);
  return [presets[name]];
}

// The same work as the engines: auto-orient, never enlarge, cover = centre crop, sRGB, no metadata.
function render(source, preset) {
  const cover = preset.Fit.toLowerCase() === 'cover';
  const pipeline = sharp(source, { failOn: 'warning' })
    .rotate()
    .resize(preset.Width, preset.Height, { fit: cover ? 'cover' : 'inside', position: 'centre', withoutEnlargement: true });
  switch (preset.Format.toLowerCase()) {
    case 'png': return pipeline.png({ compressionLevel: 6 }).toBuffer();
    case 'jpeg': return pipeline.flatten({ background: '#ffffff' }).jpeg({ quality: preset.Quality ?? 80 }).toBuffer();
    default: return pipeline.webp({ quality: preset.Quality ?? 80, effort: preset.Effort ?? 4 }).toBuffer();
  }
}

// Writing 5 to clear_refs resets VmHWM, so each file reports its own peak resident set.
const resetPeak = () => fs.writeFileSync('/proc/self/clear_refs', '5');
const peakMegabytes = () => Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
const round = (x) => Math.round(x * 10) / 10;

// CPU time of the whole process as well as wall time, as bench/ThumbApi.Bench measures them.
async function time(action) {
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  await action();
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

async function main() {
  const options = parse(process.argv.slice(2));
  const presets = loadPresets(options.preset);
  const renderAll = async (source) => { for (const preset of presets) await render(source, preset); };
  sharp.concurrency(1);
  sharp.cache(false);
  console.error(`sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}, concurrency ${sharp.concurrency()}`);
  for (const file of options.files) {
    const source = fs.readFileSync(file);
    resetPeak();
    const first = (await time(() => renderAll(source))).wall;
    const samples = [];
    for (let i = 0; i < options.iterations; i++) samples.push(await time(() => renderAll(source)));
    const times = samples.map((s) => s.wall).sort((a, b) => a - b);
    const cpuTimes = samples.map((s) => s.cpu).sort((a, b) => a - b);
    console.log(JSON.stringify({
      file: path.basename(file), engine: 'sharp', preset: options.preset,
      median_ms: round(percentile(times, 0.5)), p90_ms: round(percentile(times, 0.9)),
      first_ms: round(first), median_cpu_ms: round(percentile(cpuTimes, 0.5)), peak_rss_mb: round(peakMegabytes()),
    }));
  }
}

main().catch((error) => { console.error(error.message); process.exit(1); });
