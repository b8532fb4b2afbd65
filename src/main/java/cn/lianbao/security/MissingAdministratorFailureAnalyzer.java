package cn.lianbao.security;

import cn.lianbao.security.AdministratorAccountCheck.MissingAdministratorException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints why Lianbao did not start and what to set, instead of a stack trace. */
public class MissingAdministratorFailureAnalyzer extends AbstractFailureAnalyzer<MissingAdministratorException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, MissingAdministratorException cause) {
    return new FailureAnalysis(
        "联保没有可用的管理员账号，未启动，数据库未被改动。 / Lianbao has no usable administrator account:"
            + " it did not start, and nothing was written.",
        cause.getMessage(),
        cause);
  }
}
