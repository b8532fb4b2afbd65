package cn.lianbao.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The answers of the REST API and the actuator to a missing or wrong login (401) and to a missing
 * right (403): JSON with a Chinese message, and no {@code WWW-Authenticate} header, so that a
 * browser neither shows a password dialog nor keeps credentials that a foreign page could reuse.
 * {@code curl -u} and other clients that send their credentials right away are not affected.
 */
public class ChineseAuthenticationAnswers implements AuthenticationEntryPoint, AccessDeniedHandler {

  static final String NOT_LOGGED_IN =
      "未登录，或用户名、密码不对（连续输错后账号会被暂时锁定，最长 1 分钟）：请用 HTTP Basic 认证提供本系统的账号和密码。";
  static final String NOT_ALLOWED = "没有权限执行此操作。";

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
      throws IOException {
    if (failure instanceof LoginThrottledException throttled) {
      response.setHeader("Retry-After", Long.toString(Math.max(1, throttled.getWait().toSeconds())));
      JsonAnswers.refuse(request, response, 429, throttled.getMessage());
      return;
    }
    JsonAnswers.refuse(request, response, HttpServletResponse.SC_UNAUTHORIZED, NOT_LOGGED_IN);
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException {
    JsonAnswers.refuse(request, response, HttpServletResponse.SC_FORBIDDEN, NOT_ALLOWED);
  }
}
