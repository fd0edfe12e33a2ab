// A generated function with one long stack of ordinary statements, `bytes` long or a little more:
// the shape that made parse time and memory grow faster than the file (bench:parse, tests).

const STEPS = [
  (i: number) => `    var $v${i} {\n      value = ${i} + 1\n    }\n`,
  (i: number) =>
    `    conditional {\n      if ($v${i - 1} > ${i}) {\n        var.update $v${i - 1} {\n          value = $v${i - 1}|add:1\n        }\n      }\n      else {\n        debug.log {\n          value = "step ${i}"\n        }\n      }\n    }\n`,
  (i: number) =>
    `    db.query users {\n      where = $db.users.id == $v${i - 2}\n      return = {type: "list"}\n    } as $rows${i}\n`,
  (i: number) =>
    `    foreach ($rows${i - 1}) {\n      each as $row {\n        array.push $list {\n          value = $row.name|trim\n        }\n      }\n    }\n`,
];

/** The text, and how many statements its stack holds. */
export function longFunction(bytes: number): { text: string; statements: number } {
  const parts = [
    `function long_stack {\n  input {\n    int start?=0\n  }\n\n  stack {\n    var $list {\n      value = []\n    }\n`,
  ];
  let size = parts[0]!.length;
  let i = 0;
  for (; size < bytes; i++) {
    const step = STEPS[i % STEPS.length]!(i);
    parts.push(step);
    size += step.length;
  }
  parts.push(`  }\n\n  response = $list\n}\n`);
  return { text: parts.join(""), statements: i + 1 };
}
