package cn.lianbao;

import org.camunda.bpm.spring.boot.starter.annotation.EnableProcessApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Lianbao (联保): the joint-protection plan of the Demonstration Zone's key cross-boundary water
 * bodies, run as Camunda 7 processes. The process application deploys {@code processes/} and
 * {@code forms/} as one deployment (see {@code META-INF/processes.xml}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableProcessApplication("lianbao")
public class LianbaoApplication {

  public static void main(String[] args) {
    SpringApplication.run(LianbaoApplication.class, args);
  }
}
