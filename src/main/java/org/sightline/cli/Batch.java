package org.sightline.cli;

import java.util.HashMap;
import java.util.Map;

import org.sightline.SightlineApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the Spring context (job repository, JobOperator) for the commands that run batch jobs. */
final class Batch {
    private Batch() {}

    static ConfigurableApplicationContext start(CommonOptions o) {
        Map<String, Object> props = new HashMap<>();
        props.put("sightline.db.url", o.dbUrl());
        props.put("sightline.db.user", o.dbUser());
        props.put("sightline.db.password", o.dbPassword());
        props.put("logging.file.name", o.home().resolve("logs").resolve("sightline.log").toString());
        return new SpringApplicationBuilder(SightlineApplication.class)
                .properties(props)
                .logStartupInfo(false)
                .run();
    }
}
