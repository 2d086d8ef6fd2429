// A deterministic answer-file draft of `components` plugin components, built with whichever
// AnswerFile class is passed in (src under vitest, dist in the child the kill test SIGKILLs).
export function buildDraft(AnswerFile, components) {
  const file = new AnswerFile();
  for (let i = 0; i < components; i++) {
    const key = `adapter${i}`;
    const oem = `params.${key}.OemSection`;
    file.reserve(oem, { kind: 'plugin', plugin: 'oem0001' });
    file.addTopLevelEntry('NetAdapters', key, `params.${key}`);
    file.addEngineLine(`params.${key}`, 'InfID', [key]);
    file.addEngineLine(`params.${key}`, 'OemSection', [oem]);
    file.applyPluginOps('oem0001', `Card${i}`, [
      { kind: 'addSection', name: oem },
      { kind: 'addLine', section: oem, line: `InfToRunAfterInstall="", ${key}.SectionToRun` },
      { kind: 'addSection', name: `${key}.SectionToRun` },
      { kind: 'addLine', section: `${key}.SectionToRun`, line: `AddReg=${key}.SectionToRun.AddReg` },
      { kind: 'addSection', name: `${key}.SectionToRun.AddReg` },
      ...Array.from({ length: 8 }, (_, c) => ({ kind: 'addLine', section: `${key}.SectionToRun.AddReg`, line: `HKR,0\\${c},IsdnPhoneNumber,0,"${i}-${c}-5550100"` })),
    ]);
  }
  return file;
}
