import Testing
@testable import HuizongCore

let zhejiang = RegionTree([
    Region(code: "330000", name: "浙江省", parent: nil, level: .province),
    Region(code: "330900", name: "舟山市", parent: "330000", level: .city),
    Region(code: "330902", name: "定海区", parent: "330900", level: .county),
    Region(code: "330903", name: "普陀区", parent: "330900", level: .county),
    Region(code: "331000", name: "台州市", parent: "330000", level: .city),
    Region(code: "331082", name: "临海市", parent: "331000", level: .county),
    // A functional zone with a statistics-only code sits under its city by explicit parent.
    Region(code: "330971", name: "舟山新区", parent: "330900", level: .county),
    Region(code: "110000", name: "北京市", parent: nil, level: .province),
])

@Suite struct RegionTreeTests {
    @Test func ancestorsComeFromParentsNotCodes() {
        #expect(zhejiang.ancestors(of: "330971") == ["330900", "330000"])
        #expect(zhejiang.ancestors(of: "330000") == [])
        #expect(zhejiang.children["330900"] == ["330902", "330903", "330971"])
    }

    @Test func within() {
        #expect(zhejiang.isWithin("330902", "330900"))
        #expect(zhejiang.isWithin("330902", "330000"))
        #expect(zhejiang.isWithin("330900", "330900"))
        #expect(!zhejiang.isWithin("331082", "330900"))
        #expect(!zhejiang.isWithin("330900", "330902"))
    }
}

@Suite struct AuthorityTests {
    let county = Office(code: "330902", region: "330902", role: .county)
    let city = Office(code: "330900", region: "330900", role: .city)
    let province = Office(code: "330000", region: "330000", role: .province)
    let admin = Office(code: "root", region: nil, role: .admin)

    @Test func countiesSubmitAndReadOnlyTheirOwnRegion() {
        #expect(county.maySubmit(for: "330902"))
        #expect(!county.maySubmit(for: "330903"))
        #expect(!county.maySubmit(for: "330900"))
        #expect(county.mayRead("330902", in: zhejiang))
        #expect(!county.mayRead("330903", in: zhejiang))
        #expect(!county.mayRead("330900", in: zhejiang))
    }

    @Test func citiesSubmitTheirOwnFiguresAndReadBelow() {
        #expect(city.maySubmit(for: "330900"))
        #expect(!city.maySubmit(for: "330902"))
        #expect(city.mayRead("330902", in: zhejiang))
        #expect(city.mayRead("330971", in: zhejiang))
        #expect(!city.mayRead("331082", in: zhejiang))
        #expect(!city.mayRead("330000", in: zhejiang))
    }

    @Test func provincesAndAdmins() {
        #expect(province.mayRead("331082", in: zhejiang))
        #expect(!province.mayRead("110000", in: zhejiang))
        #expect(!province.maySubmit(for: "330900"))
        #expect(admin.maySubmit(for: "331082"))
        #expect(admin.mayRead("110000", in: zhejiang))
    }
}
