"""Makes openpyxl.xlsx, the fixture of XLSXTests.openpyxlFixture (openpyxl 3.1.5).

openpyxl writes a float by repr (218.64), so one cell is patched afterwards to hold the text Excel
writes for the same double, 218.63999999999999.
"""
import datetime, zipfile, shutil, os
from openpyxl import Workbook

wb = Workbook()
ws = wb.active
ws.title = "数据"
ws.append(["地区", "时期", "指标", "本年累计", "同比增长"])
ws.append(["临海市", "2023-11", "规上工业增加值", 218.64, 5.2])
ws.append(["椒江区", datetime.date(2023, 11, 1), "规上工业总产值", 987654.321, "1.50"])
ws.append(["路桥区", datetime.datetime(2023, 11, 30, 8, 30), "外贸出口总额", 100, 0.052])
ws["E4"].number_format = "0.0%"
ws.append(["黄岩区", datetime.date(2023, 10, 1), "规上工业增加值", -3.5, True])
ws["B5"].number_format = 'yyyy"年"m"月"'
ws["G7"] = "稀疏"
notes = wb.create_sheet("备注")
notes["A1"] = "说明"
wb.save("openpyxl.tmp.xlsx")

with zipfile.ZipFile("openpyxl.tmp.xlsx") as src, zipfile.ZipFile("openpyxl.xlsx", "w", zipfile.ZIP_DEFLATED) as dst:
    for item in src.infolist():
        data = src.read(item.filename)
        if item.filename == "xl/worksheets/sheet1.xml":
            assert data.count(b"<v>987654.321</v>") == 1
            data = data.replace(b"<v>987654.321</v>", b"<v>218.63999999999999</v>")
        dst.writestr(item, data)
os.remove("openpyxl.tmp.xlsx")
