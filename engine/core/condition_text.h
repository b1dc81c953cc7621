// How a condition and its parts are named in messages: an operand, a threshold, a list of
// values, and the whole condition (Describe, in condition.h).
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
// "a, b, c": the values as typed.
std::string JoinValues(const std::vector<Value>& vs);

}  // namespace docket::detail

#endif  // DOCKET_CORE_CONDITION_TEXT_H_
