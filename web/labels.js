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

// The API's {"zh", "en"} labels in the current language, `fallback` when they are missing.
export function pick(labels, fallback) {
  if (!labels) return fallback;
  return labels[currentLang()] || labels.zh || fallback;
}
