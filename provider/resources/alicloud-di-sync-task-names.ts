/**
 * DISyncTask names and folders, checked at preview. Each problem is a sentence that follows the
 * property's name; the emulator checks the same rules with the same sentences after the API
 * parameter's name (`TaskName`, `TaskParam.FileFolderPath`), and one case table
 * (test/fixtures/alibaba/dataworks-rule-cases.ts) runs through both.
 *
 * Folder paths: the vendor's examples are `Business Flow/XXX/Data Integration` (CreateDISyncTask
 * page and SDK) and `Business_process/First_Business_Process/MaxCompute/Folder_1/Folder_2` (the
 * SDK's CreateFile), so the path is "/"-separated segments with spaces allowed; an earlier
 * `workflow/` prefix rule was a guess the vendor's own example refutes. Refused: empty segments,
 * ".." segments and control characters (CR/LF would split the path in the console and in logs).
 *
 * Names: CreateDISyncTask marks TaskName required; no vendor source gives a character set or a
 * length, so only blank names and control characters are refused, and the 128-character cap the
 * provider has always had stays [inferred].
 */

/** [inferred] No vendor source gives a length. */
export const MAX_TASK_NAME = 128;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the rule is about control characters
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Problems of a DataStudio folder path, each to follow the property name. */
export function folderPathProblems(path: string): string[] {
  if (path.trim() === "") return ['must not be empty; give the DataStudio folder of the task, e.g. "Business Flow/orders/Data Integration".'];
  if (CONTROL.test(path)) return [`must not contain control characters such as CR or LF; got ${JSON.stringify(path)}.`];
  const segments = path.split("/");
  const problems: string[] = [];
  if (segments.some((s) => s === "")) problems.push(`must not have an empty segment (a leading, trailing or doubled "/"); got ${JSON.stringify(path)}.`);
  if (segments.some((s) => s === ".."))
    problems.push(`must not have a ".." segment; got ${JSON.stringify(path)}. Give the folder's path from the top of DataStudio.`);
  return problems;
}

/** Problems of a task name, each to follow the property name. */
export function taskNameProblems(name: string): string[] {
  if (name.trim() === "") return [`must not be empty or blank; got ${JSON.stringify(name)}.`];
  const problems: string[] = [];
  if (CONTROL.test(name)) problems.push(`must not contain control characters such as CR or LF; got ${JSON.stringify(name)}.`);
  const length = [...name].length;
  if (length > MAX_TASK_NAME) problems.push(`must be at most ${MAX_TASK_NAME} characters long; got ${length}.`);
  return problems;
}
