namespace Synclets.Tests.Model;

public class AtomTests
{
    [Fact]
    public void Integral_numbers_are_integers_and_equal_to_their_double()
    {
        Atom fromDouble = 3.0;
        Atom fromLong = 3L;
        Assert.Equal(AtomKind.Integer, fromDouble.Kind);
        Assert.Equal(fromLong, fromDouble);
        Assert.Equal(fromLong.GetHashCode(), fromDouble.GetHashCode());
        Assert.NotEqual((Atom)3.5, fromLong);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Non_finite_numbers_are_refused(double value) =>
        Assert.Throws<ArgumentException>(() => Atom.FromDouble(value));

    [Fact]
    public void Kinds_do_not_mix()
    {
        Assert.NotEqual((Atom)"1", (Atom)1);
        Assert.NotEqual((Atom)true, (Atom)1);
        Assert.NotEqual(Atom.Null, (Atom)"");
        Assert.Equal(Atom.Null, default);
        Assert.Throws<InvalidOperationException>(() => ((Atom)1).AsString());
        Assert.Equal("x", ((Atom)"x").AsString());
        Assert.True(((Atom)true).AsBoolean());
        Assert.Equal(1.5, ((Atom)1.5).AsDouble());
    }
}
