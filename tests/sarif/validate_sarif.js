// Validates SARIF files against a JSON schema (draft-04, as the SARIF 2.1.0 schema is written)
// with Ajv 6, Debian's node-ajv. Usage: node validate_sarif.js SCHEMA FILE...
// Exit status: 0 all valid, 1 some file invalid (each error on stderr), 2 bad usage or no Ajv.
'use strict';
const fs = require('fs');

function loadAjv() {
  // Debian installs node modules (Ajv and its dependencies) under /usr/share/nodejs, which a
  // node from elsewhere (such as NodeSource's) does not search by itself.
  const Module = require('module');
  process.env.NODE_PATH = [process.env.NODE_PATH, '/usr/share/nodejs'].filter(Boolean).join(':');
  Module._initPaths();
  try {
    return { Ajv: require('ajv'), draft04: require('ajv/lib/refs/json-schema-draft-04.json') };
  } catch (e) {
    if (e.code !== 'MODULE_NOT_FOUND') throw e;
    return null;
  }
}

const [schemaPath, ...files] = process.argv.slice(2);
if (!schemaPath || files.length === 0) {
  console.error('usage: validate_sarif.js SCHEMA FILE...');
  process.exit(2);
}
const loaded = loadAjv();
if (!loaded) {
  console.error('validate_sarif.js: Ajv is not installed (Debian: apt-get install node-ajv)');
  process.exit(2);
}
if (!loaded.Ajv.prototype.compile || !loaded.draft04) {
  console.error('validate_sarif.js: expected Ajv 6 with the draft-04 meta-schema');
  process.exit(2);
}
const ajv = new loaded.Ajv({ schemaId: 'id', meta: false, allErrors: true, format: 'full' });
ajv.addMetaSchema(loaded.draft04);
ajv._opts.defaultMeta = loaded.draft04.id;
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));

let failed = 0;
for (const file of files) {
  let log;
  try {
    log = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    console.error(`${file}: not JSON: ${e.message}`);
    ++failed;
    continue;
  }
  if (validate(log)) {
    const results = (log.runs || []).reduce((n, run) => n + (run.results || []).length, 0);
    console.log(`${file}: valid (${results} results)`);
  } else {
    ++failed;
    for (const error of validate.errors) {
      console.error(`${file}: ${error.dataPath || '/'}: ${error.message} ${JSON.stringify(error.params)}`);
    }
  }
}
console.log(`${files.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
