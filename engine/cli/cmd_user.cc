// `docket user invite|list` and `docket token create|list|revoke`: who may sign in to the
// server, and the API tokens of scripts (app/accounts.h). Run by an administrator (--as a
// person with the role admin, or the operating-system user who owns the database file).
#include "app/json_views.h"
#include "cli/cli.h"
#include "cli/output.h"

namespace docket::cli {
namespace {

void AddUserCommands(CLI::App& app, Context& ctx, Runner* run) {
  auto* user = app.add_subcommand("user", ctx.Text(Msg("People who sign in to the server: invitations and accounts")));
  struct InviteArgs {
    std::string person;
    std::string url = "http://127.0.0.1:8080";
  };
  auto args = std::make_shared<InviteArgs>();
  auto* invite = user->add_subcommand(
      "invite", ctx.Text(Msg("Print a one-time link with which PERSON sets their password (valid 72 hours)")));
  invite->add_option("person", args->person, ctx.Text(Msg("The person, as in the organization file")))->required();
  invite->add_option("--url", args->url, ctx.Text(Msg("The server's address as people reach it (default http://127.0.0.1:8080)")));
  SetRunner(invite, run, [&ctx, args]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(IssuedInvitation inv, d->Invite(args->person, ctx.actor()));
    std::string base = args->url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    const std::string link = base + "/invite#token=" + inv.token;
    ctx.Emit(Text(Msg("Invitation for {person}, valid until {expires}:", {{"person", inv.person}, {"expires", inv.expires_at}}),
                  ctx.lang()) + "\n" + link + "\n",
             {{"person", inv.person}, {"token", inv.token}, {"link", link}, {"expires_at", inv.expires_at}});
    return Status::Ok();
  });
  auto* list = user->add_subcommand("list", ctx.Text(Msg("Every person of the directory: password set, open invitations, sessions")));
  SetRunner(list, run, [&ctx]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(std::vector<AccountInfo> accounts, d->ListAccounts(ctx.actor()));
    std::string text;
    nlohmann::json json = nlohmann::json::array();
    for (const AccountInfo& a : accounts) {
      text += a.person + "  " +
              Text(a.has_password ? Msg("password set {at}", {{"at", a.password_set_at}}) : Msg("no password"), ctx.lang()) +
              "  " + Text(Msg("invitations: {n}", {{"n", std::to_string(a.open_invitations)}}), ctx.lang()) + "  " +
              Text(Msg("sessions: {n}", {{"n", std::to_string(a.sessions)}}), ctx.lang()) + "\n";
      json.push_back(AccountJson(a));
    }
    ctx.Emit(text, json);
    return Status::Ok();
  });
  user->require_subcommand(1);
}

void AddTokenCommands(CLI::App& app, Context& ctx, Runner* run) {
  auto* token = app.add_subcommand("token", ctx.Text(Msg("API tokens for scripts and tools: create, list, revoke")));
  struct CreateArgs {
    std::string person, org, scope = "read";
    int days = 90;
  };
  auto args = std::make_shared<CreateArgs>();
  auto* create = token->add_subcommand("create", ctx.Text(Msg("Create a token for a person in one organization (printed once)")));
  create->add_option("--for", args->person, ctx.Text(Msg("The person the token acts for")))->required();
  create->add_option("--org", args->org, ctx.Text(Msg("Organization")))->required();
  create->add_option("--scope", args->scope, ctx.Text(Msg("read (default) or act")));
  create->add_option("--days", args->days, ctx.Text(Msg("Days until it expires, 1 to 366 (default 90)")));
  SetRunner(create, run, [&ctx, args]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(IssuedToken t, d->CreateToken(args->person, args->org, args->scope, args->days, ctx.actor()));
    nlohmann::json json = TokenJson(t.info);
    json["token"] = t.token;
    ctx.Emit(Text(Msg("Token {id} for {person} in {org} ({scope}), valid until {expires}; it is shown only now:",
                      {{"id", t.info.id}, {"person", t.info.person}, {"org", t.info.org}, {"scope", t.info.scope},
                       {"expires", t.info.expires_at}}),
                  ctx.lang()) + "\n" + t.token + "\n",
             json);
    return Status::Ok();
  });
  auto person = std::make_shared<std::string>();
  auto* list = token->add_subcommand("list", ctx.Text(Msg("List the tokens (of one person with --for)")));
  list->add_option("--for", *person, ctx.Text(Msg("The person the token acts for")));
  SetRunner(list, run, [&ctx, person]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_ASSIGN_OR_RETURN(std::vector<TokenInfo> tokens, d->ListTokens(*person, ctx.actor()));
    std::string text;
    nlohmann::json json = nlohmann::json::array();
    for (const TokenInfo& t : tokens) {
      text += t.id + "  " + t.person + "  " + t.org + "  " + t.scope + "  " + t.expires_at +
              (t.revoked_at.empty() ? "" : "  " + Text(Msg("revoked {at}", {{"at", t.revoked_at}}), ctx.lang())) + "\n";
      json.push_back(TokenJson(t));
    }
    ctx.Emit(text, json);
    return Status::Ok();
  });
  auto id = std::make_shared<std::string>();
  auto* revoke = token->add_subcommand("revoke", ctx.Text(Msg("Revoke a token: it stops working at once")));
  revoke->add_option("id", *id, ctx.Text(Msg("The token's id")))->required();
  SetRunner(revoke, run, [&ctx, id]() -> Status {
    DOCKET_ASSIGN_OR_RETURN(auto d, ctx.docket());
    DOCKET_RETURN_IF_ERROR(d->RevokeToken(*id, ctx.actor()));
    ctx.Emit(Text(Msg("Token {id} revoked", {{"id", *id}}), ctx.lang()) + "\n", {{"id", *id}, {"revoked", true}});
    return Status::Ok();
  });
  token->require_subcommand(1);
}

}  // namespace

void AddAccountCommands(CLI::App& app, Context& ctx, Runner* run) {
  AddUserCommands(app, ctx, run);
  AddTokenCommands(app, ctx, run);
}

}  // namespace docket::cli
