export async function renderTasks() {}
