// One moto server for every agent test (see MotoServerFixture).
[assembly: AssemblyFixture(typeof(VpceProbe.Testing.MotoServerFixture))]
