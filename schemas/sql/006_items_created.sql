-- 006_items_created: an organization's items of one workflow by creation time, so that the
-- items of a term (`docket findings --term`, which reads a term as a range of creation
-- times) are found by index instead of by reading every item of the workflow.
CREATE INDEX items_org_workflow_created ON items(org, workflow, created_at);
