// Validates every object in deploy/kubernetes against the Kubernetes API schemas (the JSON schemas kubernetes-models
// generates from the Kubernetes OpenAPI document), and checks that kustomization.yaml lists exactly those files.
//   node validate.mjs [FOLDER]        prints one line per file, exits 1 on the first file with an error
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";

const folder = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), ".."));
const files = readdirSync(folder).filter((f) => f.endsWith(".yaml")).sort();
let objects = 0;
let failed = false;

for (const file of files) {
  const documents = yaml.loadAll(readFileSync(join(folder, file), "utf8")).filter((d) => d != null);
  if (file === "kustomization.yaml") {
    const listed = [...documents[0].resources].sort();
    const manifests = files.filter((f) => f !== "kustomization.yaml");
    if (JSON.stringify(listed) !== JSON.stringify(manifests)) {
      console.error(`${file}: resources ${listed.join(", ")} differ from the manifests ${manifests.join(", ")}`);
      failed = true;
    }
    continue;
  }
  const kinds = [];
  for (const document of documents) {
    const { apiVersion, kind } = document;
    // "apps/v1" -> kubernetes-models/apps/v1/Deployment; "v1" -> kubernetes-models/v1/Service
    const module = `kubernetes-models/${apiVersion}/${kind}`;
    try {
      const { [kind]: Model } = await import(module);
      if (typeof Model !== "function") throw new Error(`no model ${kind} in ${module}`);
      new Model(document).validate();
      kinds.push(kind);
      objects++;
    } catch (error) {
      const details = error.errors ? error.errors.map((e) => `${e.instancePath || "/"} ${e.message}`).join("; ") : error.message;
      console.error(`${file}: ${apiVersion} ${kind} ${document.metadata?.name ?? ""}: ${details}`);
      failed = true;
    }
  }
  console.log(`${file}: ${kinds.join(", ")} valid`);
}
console.log(`${objects} objects in ${files.length - 1} manifests checked against the Kubernetes API schemas`);
process.exit(failed ? 1 : 0);
