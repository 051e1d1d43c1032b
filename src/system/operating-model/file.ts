import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InvalidInput } from '../../core/errors.ts';
import { PlacesFile } from '../../finance/places-file.ts';
import { FileProblem, formatPath, readYamlFile, validate, type YamlFile } from '../../law/yaml-file.ts';
import { type Budgets, resolveBudgets } from './budgets.ts';
import { OperatingModel } from './model.ts';
import { referenceProblems } from './references.ts';

/** An operating model read from its file, with the budgets it delegates worked out. */
export interface LoadedModel {
  model: OperatingModel;
  budgets: Budgets;
}

/** Reads an operating-model YAML file: strict schema, cross-references, then its place grouping if named. */
export function readOperatingModelFile(file: string, text?: string): LoadedModel {
  if (text === undefined && !existsSync(file))
    throw new InvalidInput(
      'file',
      `there is no file '${file}'`,
      'Give the path of an operating model YAML file.',
    );
  const yaml = readYamlFile(file, text);
  return loadOperatingModel(yaml, dirname(resolve(file)));
}

/** Validates a parsed model; a `budgets.places_file` is read relative to `baseDir`. */
export function loadOperatingModel(yaml: YamlFile, baseDir: string): LoadedModel {
  const model = validate(yaml, OperatingModel, yaml.value);
  const problems = referenceProblems(model).map(({ path, message }) => ({
    path: formatPath(path),
    line: yaml.lineOf(path),
    message,
  }));
  if (problems.length) throw new FileProblem(yaml.file, problems);
  const placesFile = model.budgets?.places_file;
  if (!placesFile) return { model, budgets: resolveBudgets(model) };
  const placesPath = resolve(baseDir, placesFile);
  if (!existsSync(placesPath))
    throw new FileProblem(yaml.file, [
      {
        path: 'budgets.places_file',
        line: yaml.lineOf(['budgets', 'places_file']),
        message: `there is no file ${placesPath}`,
      },
    ]);
  const places = readYamlFile(placesPath);
  const grouping = validate(places, PlacesFile, places.value);
  if (grouping.icb && grouping.icb !== model.icb.code)
    throw new FileProblem(yaml.file, [
      {
        path: 'budgets.places_file',
        line: yaml.lineOf(['budgets', 'places_file']),
        message: `${placesFile} is for ICB ${grouping.icb}, not ${model.icb.code}`,
      },
    ]);
  const label = `the place grouping "${grouping.description ?? placesFile}"`;
  return { model, budgets: resolveBudgets(model, { ...grouping, label }) };
}
