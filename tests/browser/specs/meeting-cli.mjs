// The CLI path of meeting.spec.mjs: the `docket item act …` command lines a clerk and the
// secretary type to record the same meeting (the same attendance, positions, outcomes and
// texts), for the spec to count their characters (each line's Enter included). `--db` and
// `--as` are left out: at their own account neither types them.
export function cliCommands({ meeting, topics: [canteen, greening, equipment, cadre, plan], texts }) {
  const act = (id, action, ...sets) => ['docket item act', String(id), action, ...sets.map((s) => `--set '${s}'`)].join(' ');
  return [
    act(meeting, 'notify'),
    act(meeting, 'hold', 'present=wang,li,chen,gao,ma', `absent=he: ${texts.he}, xu: ${texts.xu}`, 'attendees=liu'),
    act(canteen, 'vote', 'votes=li:agree,chen:agree,gao:agree,ma:agree,wang:agree'),
    act(greening, 'vote', 'votes=li:agree,chen:agree,gao:disagree,ma:agree,wang:agree'),
    act(equipment, 'vote', 'votes=li:disagree,chen:disagree,gao:abstain,ma:disagree,wang:disagree'),
    act(cadre, 'vote', 'votes=li:agree,chen:defer,gao:agree,ma:defer,wang:agree'),
    act(canteen, 'adopt', `decision=${texts.canteen}`),
    act(greening, 'adopt', `decision=${texts.greening}`),
    act(equipment, 'reject'),
    act(cadre, 'defer', `defer_reason=${texts.cadre}`),
    act(plan, 'withdraw'),
  ];
}

// The keystrokes of typing `lines`, each ended by Enter.
export function keystrokes(lines) {
  return lines.reduce((sum, line) => sum + [...line].length + 1, 0);
}
