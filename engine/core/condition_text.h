// How a condition and its parts are named in messages: an operand, a threshold, a field and
// its values, and the whole condition (Describe, in condition.h).
#ifndef DOCKET_CORE_CONDITION_TEXT_H_
#define DOCKET_CORE_CONDITION_TEXT_H_

#include <string>
#include <vector>

#include "core/definition.h"
#include "core/message.h"
#include "core/value.h"

namespace docket::detail {

// `amount`, `meeting.body` or `'party-committee'`.
std::string OperandName(const Operand& o);
// "more than 1/2", "at least 2/3".
Msg ThresholdMsg(const Threshold& t);
// Field `name` of `def` by its label and id ("类别（category）"; the id in English, and
// when `def` is null or has no such field).
Msg FieldName(const Definition* def, const std::string& name);
// `v`, a value of field `name`: by its value label when it has one, else as typed.
Msg FieldValueName(const Definition* def, const std::string& name, const Value& v);

}  // namespace docket::detail

#endif  // DOCKET_CORE_CONDITION_TEXT_H_
