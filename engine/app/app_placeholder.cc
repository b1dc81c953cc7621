namespace docket {}
