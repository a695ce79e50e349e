package io.runledger.apps.smile;

import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.transform.InvertibleColumnTransform;
import smile.feature.transform.Standardizer;
import smile.io.Read;
import smile.math.MathEx;
import smile.regression.GradientTreeBoost;
import smile.validation.metric.RMSE;

import java.util.Properties;
import java.util.stream.IntStream;

/** cal_housing.arff, Standardizer, GradientTreeBoost regression, held-out RMSE. Usage: CalHousingBoost ARFF */
public final class CalHousingBoost {

    public static void main(String[] args) throws Exception {
        MathEx.setSeed(19650218);
        DataFrame all = Read.arff(args[0]);
        DataFrame train = all.of(IntStream.range(0, 16000).toArray());
        DataFrame test = all.of(IntStream.range(16000, all.nrow()).toArray());
        InvertibleColumnTransform scaler = Standardizer.fit(train, "longitude", "latitude", "housingMedianAge", "totalRooms",
                "totalBedrooms", "population", "households", "medianIncome");
        Properties props = new Properties();
        props.setProperty("smile.gradient_boost.trees", "40");
        props.setProperty("smile.gradient_boost.shrinkage", "0.1");
        GradientTreeBoost model = GradientTreeBoost.fit(Formula.lhs("medianHouseValue"), scaler.apply(train), props);
        double[] truth = test.column("medianHouseValue").toDoubleArray();
        double rmse = RMSE.of(truth, model.predict(scaler.apply(test)));
        System.out.println("gbt trees " + model.trees().length + " rmse " + rmse);
    }
}
