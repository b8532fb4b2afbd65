package cn.lianbao.rest;

/** Test access to {@link JsonLimits}' computation. */
public final class JsonLimitsAccess {

  private JsonLimitsAccess() {}

  public static int maxStringLength(long uploadBytes) {
    return JsonLimits.maxStringLength(uploadBytes);
  }
}
