#include "cli/CostExpression.hpp"

#include <cctype>
#include <cstdlib>
#include <stdexcept>

namespace fleetsim::cli {

struct CostExpression::Node {
  char op = 0;  // 0: number, 'v': parameter, '+', '-', '*', '/', 'n' (negate)
  double number = 0;
  std::string parameter;
  std::shared_ptr<const Node> left, right;
};

namespace {

using NodePtr = std::shared_ptr<const CostExpression::Node>;

class Parser {
 public:
  Parser(const std::string& text, const std::vector<std::string>& parameters)
      : s_(text), params_(parameters) {}

  NodePtr parse() {
    NodePtr n = sum();
    skip();
    if (i_ != s_.size()) fail("unexpected \"" + std::string(1, s_[i_]) + "\"");
    return n;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw std::invalid_argument("at offset " + std::to_string(i_) + ": " + why);
  }
  void skip() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  static NodePtr binary(char op, NodePtr l, NodePtr r) {
    auto n = std::make_shared<CostExpression::Node>();
    n->op = op;
    n->left = std::move(l);
    n->right = std::move(r);
    return n;
  }
  NodePtr sum() {
    NodePtr l = product();
    for (;;) {
      skip();
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) {
        const char op = s_[i_++];
        l = binary(op, l, product());
      } else {
        return l;
      }
    }
  }
  NodePtr product() {
    NodePtr l = unary();
    for (;;) {
      skip();
      if (i_ < s_.size() && (s_[i_] == '*' || s_[i_] == '/')) {
        const char op = s_[i_++];
        l = binary(op, l, unary());
      } else {
        return l;
      }
    }
  }
  NodePtr unary() {
    skip();
    if (i_ < s_.size() && s_[i_] == '-') {
      ++i_;
      return binary('n', unary(), nullptr);
    }
    return primary();
  }
  NodePtr primary() {
    skip();
    if (i_ >= s_.size()) fail("expression ends too early");
    const char c = s_[i_];
    if (c == '(') {
      ++i_;
      NodePtr n = sum();
      skip();
      if (i_ >= s_.size() || s_[i_] != ')') fail("missing \")\"");
      ++i_;
      return n;
    }
    auto n = std::make_shared<CostExpression::Node>();
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
      char* end = nullptr;
      n->number = std::strtod(s_.c_str() + i_, &end);
      i_ = static_cast<std::size_t>(end - s_.c_str());
      return n;
    }
    if (!std::isalpha(static_cast<unsigned char>(c)) && c != '_')
      fail("expected a number or a parameter");
    const std::size_t start = i_;
    while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_' ||
                              s_[i_] == '-' || s_[i_] == '.'))
      ++i_;
    const std::string name = s_.substr(start, i_ - start);
    std::vector<std::string> found;
    for (const auto& p : params_) {
      if (p == name) {
        found = {p};
        break;
      }
      const auto dot = p.rfind('.');
      if (p.substr(dot == std::string::npos ? 0 : dot + 1) == name) found.push_back(p);
    }
    i_ = start;
    if (found.empty()) fail("\"" + name + "\" is not a parameter of the sweep");
    if (found.size() > 1) fail("\"" + name + "\" is ambiguous: use the full path");
    i_ = start + name.size();
    n->op = 'v';
    n->parameter = found[0];
    return n;
  }

  const std::string& s_;
  const std::vector<std::string>& params_;
  std::size_t i_ = 0;
};

double eval(const CostExpression::Node& n, const std::map<std::string, double>& v) {
  switch (n.op) {
    case 0:
      return n.number;
    case 'v':
      return v.at(n.parameter);
    case 'n':
      return -eval(*n.left, v);
    case '+':
      return eval(*n.left, v) + eval(*n.right, v);
    case '-':
      return eval(*n.left, v) - eval(*n.right, v);
    case '*':
      return eval(*n.left, v) * eval(*n.right, v);
    default:
      return eval(*n.left, v) / eval(*n.right, v);
  }
}

}  // namespace

CostExpression CostExpression::parse(const std::string& text,
                                     const std::vector<std::string>& parameters) {
  CostExpression e;
  e.text_ = text;
  e.root_ = Parser(text, parameters).parse();
  return e;
}

double CostExpression::evaluate(const std::map<std::string, double>& values) const {
  return eval(*root_, values);
}

}  // namespace fleetsim::cli
