// Compile every .mjml file in a folder with the reference MJML compiler, in one
// warm node process, and print the seconds it took (for benchmarks/run.py).
const fs = require("fs");
const path = require("path");
const mjml2html = require("mjml");

const folder = process.argv[2];
const files = fs.readdirSync(folder).filter((name) => name.endsWith(".mjml")).sort();
const sources = files.map((name) => fs.readFileSync(path.join(folder, name), "utf8"));
mjml2html(sources[0], { validationLevel: "skip" }); // warm up
const start = process.hrtime.bigint();
for (const source of sources) {
  mjml2html(source, { validationLevel: "skip", fonts: {} });
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
process.stdout.write(JSON.stringify({ files: files.length, seconds }) + "\n");
