// Every text the pages show of their own, in Chinese and English. What the API says (an
// item's state and actions, a refusal) comes with its own words.
export const LABELS = {
  brand: { zh: 'Docket 议事', en: 'Docket' },
  switch_lang: { zh: 'English', en: '中文' },
  sign_in_title: { zh: '登录', en: 'Sign in' },
  person: { zh: '人员编号', en: 'Person id' },
  password: { zh: '密码', en: 'Password' },
  sign_in: { zh: '登录', en: 'Sign in' },
  sign_out: { zh: '退出', en: 'Sign out' },
  signed_in_as: { zh: '当前用户：', en: 'Signed in as ' },
  my_tasks: { zh: '我的任务', en: 'My tasks' },
  no_tasks: { zh: '没有待办任务', en: 'No tasks' },
  light_red: { zh: '已逾期', en: 'Overdue' },
  light_amber: { zh: '3天内到期', en: 'Due within 3 days' },
  light_green: { zh: '未到期', en: 'Due later' },
  due: { zh: '完成期限', en: 'Due' },
  org: { zh: '单位', en: 'Organization' },
  state: { zh: '状态', en: 'State' },
  progress: { zh: '进度', en: 'Progress' },
  no_actions: { zh: '当前无可办理的操作', en: 'Nothing for you to do now' },
  confirm: { zh: '提交', en: 'Submit' },
  cancel: { zh: '取消', en: 'Cancel' },
  done: { zh: '已办理', en: 'Done' },
  // The states of the task workflow (workflows/task.yaml).
  state_assigned: { zh: '已交办', en: 'Assigned' },
  state_acknowledged: { zh: '已签收', en: 'Acknowledged' },
  state_in_progress: { zh: '办理中', en: 'In progress' },
  state_completed: { zh: '已完成', en: 'Completed' },
  // 会议 (meetings): the clerk's and the secretary's page.
  nav_tasks: { zh: '我的任务', en: 'My tasks' },
  nav_meetings: { zh: '会议', en: 'Meetings' },
  meetings: { zh: '会议', en: 'Meetings' },
  no_meetings: { zh: '没有会议', en: 'No meetings' },
  group_planned: { zh: '待召开', en: 'Planned' },
  group_held: { zh: '已召开', en: 'Held' },
  group_archived: { zh: '已归档', en: 'Archived' },
  back_to_meetings: { zh: '← 会议列表', en: '← All meetings' },
  scheduled_at: { zh: '会议时间', en: 'Scheduled at' },
  location: { zh: '地点', en: 'Location' },
  body: { zh: '会议类型', en: 'Body' },
  documents: { zh: '会议文件', en: 'Documents' },
  doc_notice: { zh: '会议通知', en: 'Notice' },
  doc_agenda: { zh: '议程', en: 'Agenda' },
  doc_signin: { zh: '签到表', en: 'Sign-in sheet' },
  doc_minutes: { zh: '会议纪要', en: 'Minutes' },
  agenda_topics: { zh: '议题', en: 'Topics' },
  no_topics: { zh: '尚无议题列入本次会议', en: 'No topic is on this meeting\'s agenda' },
  category: { zh: '类别', en: 'Category' },
  history: { zh: '办理记录', en: 'History' },
  refused: { zh: '未通过校验', en: 'refused' },
  members_present: { zh: '出席成员（取消勾选即为缺席）', en: 'Members present (untick the absent)' },
  absent_reason: { zh: '缺席原因', en: 'Reason for absence' },
  attendees: { zh: '列席人员', en: 'Non-voting attendees' },
  quorum_line: { zh: '出席 {n} 人 / 应到 {m} 人，须{rule}', en: '{n} present of {m} members; needs {rule}' },
  more_than_half: { zh: '超过半数', en: 'more than half' },
  two_thirds: { zh: '三分之二以上', en: 'at least two thirds' },
  quorum_met: { zh: '已达到法定人数', en: 'quorum met' },
  quorum_missed: { zh: '未达到法定人数', en: 'no quorum' },
  positions: { zh: '表态（按发言顺序，书记末位）', en: 'Positions (in speaking order, the secretary last)' },
  all_agree: { zh: '全部同意', en: 'All agree' },
  move_up: { zh: '上移', en: 'Move up' },
  tally_line: { zh: '同意 {agree} 票，应到 {m} 人，通过须超过 {half} 票', en: '{agree} agree; {m} members; passing needs more than {half}' },
  position_missing: { zh: '每位出席成员都须表态：{who}', en: 'Every member present states a position: {who}' },
  secretary_mark: { zh: '（书记）', en: ' (secretary)' },
  // The meeting and matter workflows' states, categories and positions (workflows/*.yaml).
  state_planned: { zh: '已计划', en: 'Planned' },
  state_notified: { zh: '已通知', en: 'Notified' },
  state_held: { zh: '已召开', en: 'Held' },
  state_minutes_drafted: { zh: '记录已起草', en: 'Minutes drafted' },
  state_minutes_signed: { zh: '记录已签发', en: 'Minutes signed' },
  state_archived: { zh: '已归档', en: 'Archived' },
  state_postponed: { zh: '已延期', en: 'Postponed' },
  state_cancelled: { zh: '已取消', en: 'Cancelled' },
  state_drafted: { zh: '起草', en: 'Drafted' },
  state_submitted: { zh: '已提交', en: 'Submitted' },
  state_on_agenda: { zh: '已列入议程', en: 'On the agenda' },
  state_deferred: { zh: '缓议', en: 'Deferred' },
  state_adopted: { zh: '通过', en: 'Adopted' },
  state_rejected: { zh: '未通过', en: 'Rejected' },
  state_withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  state_noted: { zh: '已通报', en: 'Noted' },
  'value_party-meeting': { zh: '党组织会议', en: 'Party organization meeting' },
  'value_office-meeting': { zh: '校长办公会议', en: "Principal's office meeting" },
  'value_staff-congress': { zh: '教职工代表大会', en: 'Staff congress' },
  'value_major-decision': { zh: '重大事项决策', en: 'Major decision' },
  'value_cadre-appointment': { zh: '重要干部任免', en: 'Cadre appointment' },
  'value_major-project': { zh: '重大项目安排', en: 'Major project' },
  'value_large-spending': { zh: '大额资金使用', en: 'Large-sum spending' },
  'value_development-plan': { zh: '发展规划', en: 'Development plan' },
  value_routine: { zh: '日常事务', en: 'Routine matter' },
  'value_staff-interest': { zh: '涉及教职工切身利益事项', en: 'Staff interests' },
  value_agree: { zh: '同意', en: 'Agree' },
  value_disagree: { zh: '不同意', en: 'Disagree' },
  value_abstain: { zh: '弃权', en: 'Abstain' },
  value_defer: { zh: '建议缓议', en: 'Defer' },
  value_recused: { zh: '回避', en: 'Recused' },
  // 决定事项 (decisions), 临机处置 (temporary actions) and 我的会议 (a member's meetings).
  nav_decisions: { zh: '决定事项', en: 'Decisions' },
  nav_temporary: { zh: '临机处置', en: 'Temporary actions' },
  nav_my_meetings: { zh: '我的会议', en: 'My meetings' },
  decisions: { zh: '决定事项及执行情况', en: 'Decisions and their execution' },
  no_decisions: { zh: '没有决定事项', en: 'No decisions' },
  rollup: { zh: '执行进度', en: 'Execution' },
  rollup_line: { zh: '执行进度 {percent}%（{tasks} 项任务中 {finished} 项已办结）', en: 'Executed {percent}% ({finished} of {tasks} tasks finished)' },
  no_execution_tasks: { zh: '尚未分解督办', en: 'No execution tasks yet' },
  execution_tasks: { zh: '督办任务', en: 'Execution tasks' },
  owners: { zh: '执行负责人', en: 'Owners' },
  state_in_execution: { zh: '执行中', en: 'In execution' },
  state_executed: { zh: '已执行', en: 'Executed' },
  state_closed: { zh: '已办结', en: 'Closed' },
  state_reconsideration: { zh: '复议中', en: 'Under reconsideration' },
  state_amended: { zh: '已修订', en: 'Amended' },
  state_revoked: { zh: '已撤销', en: 'Revoked' },
  state_taken: { zh: '已处置待说明', en: 'Taken, to be explained' },
  state_explained: { zh: '已说明', en: 'Explained' },
  temporary: { zh: '临机处置事项', en: 'Temporary actions' },
  temp_hint: { zh: '紧急情况下书记或校长临机处置后，须向其后第一次召开的党组织会议说明（R10）', en: 'After acting alone in an emergency, the secretary or the principal explains it to the first Party organization meeting held after it (R10)' },
  temp_record: { zh: '登记临机处置', en: 'Record a temporary action' },
  temp_title: { zh: '事项', en: 'Matter' },
  temp_reason: { zh: '紧急情况说明', en: 'The emergency' },
  temp_action_taken: { zh: '处置措施', en: 'Action taken' },
  temp_explanation: { zh: '向会议的说明', en: 'Explanation to the meeting' },
  temp_submit: { zh: '登记', en: 'Record' },
  temp_taken_by: { zh: '处置人', en: 'Taken by' },
  temp_taken_at: { zh: '处置时间', en: 'Taken at' },
  temp_explain_due: { zh: '说明期限', en: 'To be explained by' },
  temp_explained_at: { zh: '说明会议', en: 'Explained at' },
  temp_to_explain: { zh: '待向会议说明', en: 'To be explained' },
  temp_explained: { zh: '已向会议说明', en: 'Explained' },
  temp_none_to_explain: { zh: '没有待说明的临机处置事项', en: 'None to be explained' },
  temp_none_explained: { zh: '没有已说明的临机处置事项', en: 'None explained yet' },
  my_meetings: { zh: '我的会议', en: 'My meetings' },
  no_my_meetings: { zh: '您所在的会议机构没有会议', en: 'No meetings of the bodies you sit on' },
  written_opinion_hint: { zh: '会前可查阅议程和议题材料。因故缺席的，书面意见由会议记录人在记录表决时登记。', en: 'Read the agenda and the papers before the meeting. If you cannot attend, the clerk records your written opinion with the positions.' },
  papers: { zh: '议题材料', en: 'Papers' },
  amount: { zh: '金额（元）', en: 'Amount (CNY)' },
  proposer: { zh: '提出人', en: 'Proposed by' },
  presigned_secretary: { zh: '会前沟通（书记）', en: 'Pre-meeting sign-off (secretary)' },
  presigned_principal: { zh: '会前沟通（校长）', en: 'Pre-meeting sign-off (principal)' },
  not_yet: { zh: '尚未确认', en: 'Not yet' },
  recused: { zh: '回避人员', en: 'Recused members' },
  votes: { zh: '表态', en: 'Positions' },
  decision: { zh: '决定内容', en: 'Decision' },
  defer_reason: { zh: '缓议原因', en: 'Reason for deferring' },
  'value_absent-with-opinion': { zh: '书面意见（缺席）', en: 'Written opinion (absent)' },
  // 督导 (supervision): the supervisor's roll-up and one school.
  nav_supervision: { zh: '督导', en: 'Supervision' },
  supervision: { zh: '学期工作报告督导', en: 'Semester reports' },
  no_supervised: { zh: '您没有督导的单位', en: 'You supervise no organization' },
  term: { zh: '学期', en: 'Term' },
  show: { zh: '查看', en: 'Show' },
  report_status: { zh: '报告状态', en: 'Report' },
  findings: { zh: '发现的问题', en: 'Findings' },
  no_findings: { zh: '本学期没有发现问题', en: 'No findings this term' },
  subtotal: { zh: '小计', en: 'Subtotal' },
  find_school: { zh: '查找学校', en: 'Find a school' },
  all_statuses: { zh: '全部', en: 'All' },
  total_all: { zh: '合计', en: 'Total' },
  directly_below: { zh: '直属学校', en: 'Schools directly below' },
  export_rollup_csv: { zh: '导出汇总表（CSV）', en: 'Export the roll-up (CSV)' },
  export_chain: { zh: '导出审计链', en: 'Export the audit chain' },
  rollup_table: { zh: '汇总表（各项统计）', en: 'The roll-up table (all measures)' },
  rollup_of: { zh: '{org}学期工作报告汇总', en: 'Roll-up of {org}' },
  back_to_rollup: { zh: '← 返回汇总', en: '← Back to the roll-up' },
  review_comment: { zh: '审阅意见', en: 'Reviewer\'s comment' },
  report_submitted: { zh: '报送的报告', en: 'The submitted report' },
  print_version: { zh: '打印版', en: 'Printable version' },
  item_number: { zh: '事项 #{id} 及其办理记录', en: 'Item #{id} and its history' },
  workflow: { zh: '流程', en: 'Workflow' },
  rule: { zh: '规则', en: 'Rule' },
  severity_high: { zh: '严重', en: 'High' },
  severity_medium: { zh: '中等', en: 'Medium' },
  severity_low: { zh: '轻微', en: 'Low' },
  severity_info: { zh: '提示', en: 'Info' },
  verify_chain: { zh: '核验审计链', en: 'Verify the audit chain' },
  verify_ok: { zh: '审计链核验通过：{entries} 条记录，{items} 个事项', en: 'The audit chain verifies: {entries} entries, {items} items' },
  // The semester report's states (workflows/semester-report.yaml).
  state_approved: { zh: '已审议', en: 'Approved' },
  state_returned: { zh: '退回修改', en: 'Returned' },
  state_accepted: { zh: '已通过', en: 'Accepted' },
  // 系统管理 (administration) and the invitation's page.
  nav_admin: { zh: '管理', en: 'Administration' },
  admin_title: { zh: '系统管理', en: 'Administration' },
  load_title: { zh: '加载配置文件', en: 'Load a configuration file' },
  load_kind: { zh: '文件类型', en: 'Kind of file' },
  kind_orgs: { zh: '组织与人员', en: 'Organizations and people' },
  kind_workflows: { zh: '流程定义', en: 'Workflow' },
  kind_tables: { zh: '议事事项清单', en: 'Decision-matter table' },
  kind_calendar: { zh: '校历', en: 'School calendar' },
  kind_reports: { zh: '报告定义', en: 'Report definition' },
  load_file: { zh: '选择文件（YAML）', en: 'Pick a file (YAML)' },
  load_text: { zh: '文件内容（可直接粘贴）', en: 'The file\'s text (or paste it)' },
  load_send: { zh: '加载', en: 'Load' },
  load_empty: { zh: '请先选择文件或粘贴文件内容', en: 'Pick a file or paste its text first' },
  load_ok: { zh: '已加载：', en: 'Loaded:' },
  load_refused: { zh: '未加载，文件有误：', en: 'Not loaded; the file has errors:' },
  load_listing: { zh: '出错的行', en: 'The lines in error' },
  load_at: { zh: '第 {line} 行第 {col} 列：{message}', en: 'Line {line}, column {col}: {message}' },
  loaded_ok: { zh: '成功', en: 'OK' },
  loaded_organizations: { zh: '组织', en: 'Organizations' },
  loaded_people: { zh: '人员', en: 'People' },
  loaded_roles: { zh: '角色', en: 'Roles' },
  loaded_changed: { zh: '有变更', en: 'Changed' },
  loaded_audit_entries: { zh: '审计记录', en: 'Audit entries' },
  loaded_workflow: { zh: '流程', en: 'Workflow' },
  loaded_version: { zh: '版本', en: 'Version' },
  loaded_added: { zh: '新版本', en: 'New version' },
  loaded_warnings: { zh: '提示', en: 'Warnings' },
  loaded_table: { zh: '清单', en: 'Table' },
  loaded_entries: { zh: '条目', en: 'Entries' },
  yes: { zh: '是', en: 'yes' },
  no: { zh: '否', en: 'no' },
  who_may: { zh: '人员与权限', en: 'People and who may do what' },
  who_may_hint: { zh: '各单位的人员、所任角色及是否已开通账户（已设置密码）', en: 'Each organization\'s people, their roles there, and whether they have an account (a password)' },
  no_people: { zh: '本单位没有人员', en: 'No people here' },
  person_column: { zh: '人员（编号）', en: 'Person (id)' },
  roles: { zh: '角色', en: 'Roles' },
  account: { zh: '账户', en: 'Account' },
  account_password: { zh: '已开通', en: 'Has a password' },
  account_invited: { zh: '已邀请，未设置密码', en: 'Invited, no password yet' },
  account_none: { zh: '未开通', en: 'No account' },
  invite: { zh: '邀请', en: 'Invite' },
  invite_link: { zh: '给 {person} 的邀请链接（仅显示这一次）', en: 'The invitation link for {person} (shown this once)' },
  invite_expires: { zh: '有效期至 {at}', en: 'Valid until {at}' },
  copy: { zh: '复制', en: 'Copy' },
  copied: { zh: '已复制', en: 'Copied' },
  copy_by_hand: { zh: '无法访问剪贴板：链接已选中，请手动复制', en: 'The clipboard is not available: the link is selected, copy it by hand' },
  role_secretary: { zh: '书记', en: 'Secretary' },
  role_deputy_secretary: { zh: '副书记', en: 'Deputy secretary' },
  role_principal: { zh: '校长', en: 'Principal' },
  role_vice_principal: { zh: '副校长', en: 'Vice principal' },
  role_committee_member: { zh: '委员', en: 'Committee member' },
  role_staff_representative: { zh: '教职工代表', en: 'Staff representative' },
  role_clerk: { zh: '会议记录人', en: 'Clerk' },
  role_supervisor: { zh: '上级督导', en: 'Supervisor' },
  role_admin: { zh: '系统管理员', en: 'Administrator' },
  tokens_title: { zh: 'API 令牌', en: 'API tokens' },
  tokens_hint: { zh: '供脚本和督导工具使用：令牌只读取或办理一个单位的事项，密钥只显示一次', en: 'For scripts and the supervisor\'s tools: a token reads or acts in one organization only; its secret is shown once' },
  no_tokens: { zh: '尚无令牌', en: 'No tokens' },
  token_person: { zh: '令牌持有人', en: 'For' },
  token_scope: { zh: '权限', en: 'Scope' },
  scope_read: { zh: '只读', en: 'Read' },
  scope_act: { zh: '可办理', en: 'Act' },
  token_days: { zh: '有效天数（1–366）', en: 'Valid for days (1–366)' },
  token_create: { zh: '生成令牌', en: 'Create the token' },
  token_secret: { zh: '令牌 {id} 的密钥（仅显示这一次）', en: 'The secret of token {id} (shown this once)' },
  token_id: { zh: '令牌编号', en: 'Token' },
  token_expires: { zh: '有效期至', en: 'Expires' },
  token_active: { zh: '有效', en: 'Active' },
  token_expired: { zh: '已过期', en: 'Expired' },
  token_revoked: { zh: '已于 {at} 撤销', en: 'Revoked at {at}' },
  revoke: { zh: '撤销', en: 'Revoke' },
  invitation_title: { zh: '设置密码', en: 'Set your password' },
  invitation_hint: { zh: '请设置您的登录密码：至少 10 个字符，含字母、数字、其他字符中的两类，且不含您的人员编号。', en: 'Set the password you will sign in with: at least 10 characters of two kinds (letters, digits, others), without your person id.' },
  new_password: { zh: '新密码', en: 'New password' },
  new_password_again: { zh: '再次输入新密码', en: 'The new password again' },
  set_password: { zh: '设置密码', en: 'Set the password' },
  passwords_differ: { zh: '两次输入的密码不一致', en: 'The two passwords differ' },
  invitation_no_token: { zh: '此链接不完整：请使用邀请中的完整链接', en: 'This link is incomplete: use the whole link of the invitation' },
  password_set_sign_in: { zh: '密码已设置，请登录', en: 'Your password is set: sign in' },
  error_network: { zh: '无法连接服务器，请稍后再试', en: 'The server cannot be reached; try again later' },
};

export const LANG_KEY = 'docket.lang';

// 'zh' unless English was chosen.
export function currentLang() {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function setLang(lang) {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // A browser that keeps nothing (private mode) keeps the choice for this page only.
  }
}

// The text of `key` in the current language.
export function t(key, fallback) {
  const entry = LABELS[key];
  return entry ? entry[currentLang()] : fallback ?? key;
}

// "LABEL：text" in Chinese, "Label: text" in English.
export function labelled(key, text) {
  return `${t(key)}${currentLang() === 'en' ? ': ' : '：'}${text}`;
}

// `texts` as a list: 甲、乙 in Chinese, A, B in English.
export function listed(texts) {
  return texts.join(currentLang() === 'en' ? ', ' : '、');
}

// The text of `key` with each {name} replaced by `values[name]`.
export function tf(key, values) {
  return t(key).replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

// The API's {"zh", "en"} labels in the current language, `fallback` when they are missing.
export function pick(labels, fallback) {
  if (!labels) return fallback;
  return labels[currentLang()] || labels.zh || fallback;
}

// "名称（id）" in Chinese, "Name (id)" in English.
export function withId(name, id) {
  return currentLang() === 'en' ? `${name} (${id})` : `${name}（${id}）`;
}
