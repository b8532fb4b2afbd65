package cn.lianbao.security;

import cn.lianbao.security.AdministratorAccountCheck.MissingAdministratorException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints why Lianbao did not start and what to set, instead of a stack trace. */
public class MissingAdministratorFailureAnalyzer extends AbstractFailureAnalyzer<MissingAdministratorException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, MissingAdministratorException cause) {
    return new FailureAnalysis(
        "Lianbao has no administrator account.",
        cause.getMessage(),
        cause);
  }
}
